package io.peloton.bridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.host.Host;
import io.peloton.api.task.Task;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.bridge.BridgeConfig;
import io.peloton.bridge.MesosBridge;
import io.peloton.bridge.mesos.WireEncoding;
import io.peloton.client.ApiClient;
import io.peloton.client.ObjectKey;
import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.cluster.ClusterSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real in-process API server (SQLite), a Mesos simulator and bridges between them. */
public final class BridgeFixture implements AutoCloseable {
  public static final String NS = "default";

  public ApiServer server;
  private final String storeUrl;
  private final int apiPort;
  public final ApiClient api;
  public final MesosSimulator sim;
  private final List<MesosBridge> bridges = new ArrayList<>();

  private BridgeFixture(ApiServer server, MesosSimulator sim, String storeUrl) {
    this.server = server;
    this.storeUrl = storeUrl;
    this.apiPort = server.port();
    this.sim = sim;
    this.api = new ApiClient(server.url(), null, Duration.ofSeconds(30));
  }

  /** A fixture with {@code agents} simulated agents (hostnames agent-1..N). */
  public static BridgeFixture start(int agents) throws Exception {
    return start(agents, null);
  }

  /** With {@code sandboxes} set, tasks run as real processes in sandboxes under it. */
  public static BridgeFixture start(int agents, Path sandboxes) throws Exception {
    Path dir = Files.createTempDirectory("bridge-test");
    String storeUrl = "sqlite:" + dir.resolve("s.db");
    ApiServer server = ApiServer.start(ApiServerConfig.defaults(storeUrl, 0));
    SimulatorConfig config = SimulatorConfig.defaults().withPort(0)
        .withCluster(ClusterSpec.generated(agents, 8, 16384, 100_000))
        .withAllocationInterval(Duration.ofMillis(200))
        .withHeartbeatInterval(Duration.ofSeconds(1))
        .withStatusUpdateRetry(Duration.ofSeconds(1));
    MesosSimulator sim = MesosSimulator.start(sandboxes == null ? config
        : config.withExecutor(SimulatorConfig.ExecutorKind.PROCESS).withWorkDir(sandboxes));
    return new BridgeFixture(server, sim, storeUrl);
  }

  /** Test timings: short lease, quick host refresh and implicit reconciliation. */
  public BridgeConfig config(String identity, WireEncoding encoding) {
    return BridgeConfig.defaults(sim.url(), identity).withEncoding(encoding)
        .withLeaseDuration(Duration.ofSeconds(4)).withHostRefresh(Duration.ofMillis(500))
        .withImplicitReconcile(Duration.ofSeconds(3)).withWorkers(4, 4);
  }

  public MesosBridge bridge(String identity, WireEncoding encoding) {
    MesosBridge b = MesosBridge.start(api, config(identity, encoding));
    bridges.add(b);
    return b;
  }

  /**
   * Creates a Task {@code <job>-<instance>} bound to {@code host} (null: pending).
   *
   * @param command run by the simulated executor: {@code sleep N; exit K}
   */
  public Task createTask(String job, int instance, String host, String goal, String command) {
    return createTask(job, instance, host, goal, command, 0.5);
  }

  public Task createTask(String job, int instance, String host, String goal, String command,
      double cpu) {
    String json = """
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"%s-%d","namespace":"%s",
         "labels":{"peloton.io/job":"%s","peloton.io/instance":"%d"}},
         "spec":{"job":"%s","instance":%d,"runId":1,"goalState":"%s"%s,
           "config":{"name":"%s","resource":{"cpuLimit":%s,"memLimitMb":64,"diskLimitMb":16},
             "command":{"value":"%s"},
             "ports":[{"name":"http","envName":"HTTP_PORT"}],
             "killGracePeriodSeconds":2}}}"""
        .formatted(job, instance, NS, job, instance, job, instance, goal,
            host == null ? "" : ",\"host\":\"" + host + "\"", job, cpu, command);
    try {
      JsonNode node = Codecs.json().readTree(json);
      return ApiClient.as(api.create(ResourceTypes.TASK, NS, node), Task.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Task task(String name) {
    return api.typed(Task.class).get(ObjectKey.of(NS, name));
  }

  public Host host(String name) {
    return api.typed(Host.class).get(null, name);
  }

  /** Merge-patches a Task's spec. */
  public Task patchSpec(String name, String specJson) {
    try {
      return api.typed(Task.class).patch(NS, name,
          Codecs.json().readTree("{\"spec\":" + specJson + "}"), false);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the API server: every store write fails until {@link #startApiAgain()}. */
  public void stopApi() {
    server.close();
  }

  /** Starts the API server again on the same store and port. */
  public void startApiAgain() {
    server = ApiServer.start(ApiServerConfig.defaults(storeUrl, apiPort));
  }

  @Override
  public void close() {
    for (MesosBridge b : bridges) {
      try {
        b.close();
      } catch (RuntimeException ignored) {
        // already crashed
      }
    }
    sim.close();
    server.close();
  }
}
