package io.peloton.mesos.sim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSpecTest {
  @Test
  void parsesAgentsWithResourcesPortsAttributesAndCount() {
    ClusterSpec spec = ClusterSpec.parse("""
        agents:
          - hostname: gpu1
            ip: 10.0.0.9
            cpus: 16
            mem: 65536
            disk: 100000
            gpus: 4
            ports: ["31000-31999", "40000"]
            attributes: {rack: r1, gen: "3"}
          - hostname: small
            cpus: 2
            mem: 2048
            count: 3
        """);
    List<AgentSpec> agents = spec.expand();
    assertEquals(4, agents.size());
    assertEquals("gpu1", agents.get(0).hostname());
    assertEquals(4, agents.get(0).gpus());
    assertEquals("10.0.0.9", agents.get(0).ip());
    assertEquals(List.of("small-1", "small-2", "small-3"), agents.subList(1, 4).stream().map(AgentSpec::hostname).toList());
    assertEquals(3, agents.stream().skip(1).map(AgentSpec::ip).distinct().count());
  }

  @Test
  void badInputNamesTheField() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSpec.parse("agents:\n  - cpus: 1\n    mem: 1\n"))
        .getMessage().startsWith("cluster.agents[0].hostname"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ClusterSpec.parse("agents:\n  - hostname: a\n    cpus: 1\n    mem: 1\n    ports: [\"9-1\"]\n"))
        .getMessage().startsWith("cluster.agents[0].ports"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ClusterSpec.parse("agents:\n  - hostname: a\n    cpu: 1\n")).getMessage().contains("'cpu'"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ClusterSpec.parse("agents:\n  - hostname: a\n    cpus: 1\n    mem: 1\n    ip: 300.1.1.1\n"))
        .getMessage().startsWith("cluster.agents[0].ip"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ClusterSpec.parse("agents: []\n"))
        .getMessage().startsWith("cluster.agents"));
  }
}
