package io.peloton.mesos.sim.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The simulated cluster: a list of agent specs, read from YAML ({@code agents: [...]}) or generated. */
public record ClusterSpec(@JsonProperty("agents") List<AgentSpec> agents) {

  /** Reads and validates a cluster YAML file. */
  public static ClusterSpec read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  /** Parses and validates cluster YAML text. */
  public static ClusterSpec parse(String yaml) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    ClusterSpec spec;
    try {
      spec = mapper.readValue(yaml, ClusterSpec.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("cluster: unknown field '" + e.getPropertyName() + "'");
    } catch (IOException e) {
      throw new IllegalArgumentException("cluster: not valid YAML: " + e.getMessage());
    }
    if (spec == null || spec.agents() == null || spec.agents().isEmpty()) {
      throw new IllegalArgumentException("cluster.agents: at least one agent is required");
    }
    for (int i = 0; i < spec.agents().size(); i++) {
      spec.agents().get(i).validate("cluster.agents[" + i + "]");
    }
    return spec;
  }

  /** N identical generated agents (hostname agent-N, ip 10.x.y.z), sized like a mid-size machine. */
  public static ClusterSpec generated(int n, double cpus, double mem, double disk) {
    List<AgentSpec> list = new ArrayList<>(1);
    list.add(new AgentSpec("agent", null, cpus, mem, disk, 0, List.of("31000-32000"),
        Map.of("rack", "r0"), n));
    return new ClusterSpec(list);
  }

  /** Expands {@code count} into individual specs with unique hostnames and ips. */
  public List<AgentSpec> expand() {
    List<AgentSpec> out = new ArrayList<>();
    int seq = 0;
    for (AgentSpec a : agents) {
      int count = a.count() == null ? 1 : a.count();
      for (int i = 0; i < count; i++) {
        seq++;
        String hostname = count == 1 ? a.hostname() : a.hostname() + "-" + (i + 1);
        String ip = a.ip() != null && count == 1 ? a.ip() : generatedIp(seq);
        out.add(new AgentSpec(hostname, ip, a.cpus(), a.mem(), a.disk(), a.gpus(), a.portsOrDefault(),
            a.attributes() == null ? Map.of() : a.attributes(), 1));
      }
    }
    return out;
  }

  private static String generatedIp(int seq) {
    return "10." + ((seq >> 16) & 0xff) + "." + ((seq >> 8) & 0xff) + "." + (seq & 0xff);
  }
}
