package io.peloton.bench.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.TaskState;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.bench.support.JsonLine;
import io.peloton.bench.support.ScratchDirectory;
import io.peloton.bridge.BridgeConfig;
import io.peloton.bridge.BridgeSession;
import io.peloton.bridge.MesosBridge;
import io.peloton.bridge.mesos.WireEncoding;
import io.peloton.client.ApiClient;
import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.cluster.ClusterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peloton bench bridge}: pre-bound Tasks on many simulated agents; time from the bridge's
 * start until every Task's status says RUNNING, and ACCEPT calls per agent. A first bridge
 * instance runs a warm-up round in the same JVM before, so the measured one meets compiled code,
 * as a bridge taking over in a running cluster would.
 */
@Command(name = "bridge", mixinStandardHelpOptions = true,
    description = "Mesos bridge at scale: pre-bound tasks to RUNNING, ACCEPT calls per agent.")
public final class BridgeBench implements Callable<Integer> {
  @Option(names = "--tasks", defaultValue = "10000", description = "Pre-bound tasks (default ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--agents", defaultValue = "1000", description = "Simulated agents (default ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--store", description = "sqlite:FILE or etcd://HOST:PORT (default: a fresh temporary SQLite file).")
  String store;

  @Option(names = "--warmup-tasks", defaultValue = "2000",
      description = "Bound 1-second tasks a first bridge runs to completion before the measured"
          + " one starts; 0 measures a cold JVM (default ${DEFAULT-VALUE}).")
  int warmupTasks;

  @Option(names = "--encoding", defaultValue = "protobuf", description = "protobuf | json (default ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--status-writers", defaultValue = "4", description = "Batched status requests in flight (default ${DEFAULT-VALUE}).")
  int statusWriters;

  @Option(names = "--launch-workers", defaultValue = "24", description = "Agents launched on in parallel (default ${DEFAULT-VALUE}).")
  int launchWorkers;

  @Override
  public Integer call() throws Exception {
    if (tasks < 1 || agents < 1) {
      System.err.println("--tasks and --agents must be >= 1");
      return 2;
    }
    WireEncoding wire;
    try {
      wire = WireEncoding.parse(encoding);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    ScratchDirectory scratch = ScratchDirectory.create("peloton-bench");
    String url = store != null ? store : scratch.sqliteUrl("bridge.db");
    JsonLine result;
    try (scratch; ApiServer server = ApiServer.start(ApiServerConfig.defaults(url, 0));
         MesosSimulator sim = MesosSimulator.start(SimulatorConfig.defaults().withPort(0)
             .withCluster(ClusterSpec.generated(agents, 32, 131072, 1_000_000))
             .withAllocationInterval(Duration.ofMillis(500)))) {
      ApiClient api = new ApiClient(server.url(), null, Duration.ofSeconds(60));
      BridgeConfig config = BridgeConfig.defaults(sim.url(), "bench").withEncoding(wire)
          .withWorkers(statusWriters, launchWorkers);
      if (warmupTasks > 0) {
        warmUp(api, config);
      }
      createBoundTasks(api, "bench", tasks, "sleep infinity", TaskState.RUNNING);
      System.out.printf("%d tasks bound to %d agents created%n", tasks, agents);
      {
        long t0 = System.nanoTime();
        MesosBridge bridge = MesosBridge.start(api, config);
        try {
          long deadline = t0 + Duration.ofMinutes(5).toNanos();
          long running = 0;
          int polls = 0;
          while (System.nanoTime() < deadline) {
            // the bridge's own watch-fed cache: what the store says, without a second watcher
            running = inState(bridge, TaskState.RUNNING);
            if (running >= tasks) {
              break;
            }
            BridgeSession progress = bridge.session();
            if (++polls % 10 == 0 && progress != null && progress.launcher() != null) {
              System.out.printf("%.1f s: launched %d, status writes %d, RUNNING in store %d%n",
                  (System.nanoTime() - t0) / 1e9, progress.launcher().launched(),
                  progress.recorder().written(), running);
            }
            Thread.sleep(100);
          }
          double seconds = (System.nanoTime() - t0) / 1e9;
          if (running < tasks) {
            System.err.println("only " + running + " of " + tasks + " tasks RUNNING after 5 min");
            return 1;
          }
          BridgeSession s = bridge.session();
          long accepts = s.launcher().acceptCalls();
          System.out.printf("all %d tasks RUNNING after %.2f s; %d ACCEPT calls (%.2f per agent)%n",
              tasks, seconds, accepts, accepts / (double) agents);
          result = new JsonLine().put("store", url.startsWith("sqlite:") ? "sqlite" : "etcd").put("tasks", tasks).put("agents", agents)
              .put("all_running_s", seconds).put("accept_calls", accepts)
              .put("accept_calls_per_agent", accepts / (double) agents)
              .put("status_writes", s.recorder().written()).put("encoding", wire.name().toLowerCase())
              .put("warmup_tasks", warmupTasks);
        } finally {
          bridge.close();
        }
      }
    }
    // printed last, after everything is closed, so no log line can follow it
    System.out.println(result);
    return 0;
  }

  /** A first bridge launches short tasks until they have all succeeded, then steps down. */
  private void warmUp(ApiClient api, BridgeConfig config) throws Exception {
    long t0 = System.nanoTime();
    createBoundTasks(api, "warmup", warmupTasks, "sleep 1", TaskState.SUCCEEDED);
    try (MesosBridge warm = MesosBridge.start(api, config.withIdentity("bench-warmup"))) {
      long deadline = t0 + Duration.ofMinutes(5).toNanos();
      while (inState(warm, TaskState.SUCCEEDED) < warmupTasks) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the warm-up tasks did not all succeed in 5 min");
        }
        Thread.sleep(100);
      }
    }
    System.out.printf("warm-up: %d tasks launched and succeeded in %.1f s%n", warmupTasks,
        (System.nanoTime() - t0) / 1e9);
  }

  /** Tasks in {@code state} according to the bridge's own watch-fed cache. */
  private static long inState(MesosBridge bridge, TaskState state) {
    return bridge.taskCache().list().stream()
        .filter(t -> t.status() != null && t.status().state() == state).count();
  }

  private void createBoundTasks(ApiClient api, String job, int count, String command,
      TaskState goal) throws Exception {
    List<JsonNode> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String host = "agent-" + (1 + i % agents);
      batch.add(Codecs.json().readTree("""
          {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"%s-%d","namespace":"default",
           "labels":{"peloton.io/job":"%s","peloton.io/instance":"%d"}},
           "spec":{"job":"%s","instance":%d,"runId":1,"goalState":"%s","host":"%s",
             "config":{"name":"%s","resource":{"cpuLimit":0.1,"memLimitMb":32,"diskLimitMb":16},
               "command":{"value":"%s"},"killGracePeriodSeconds":10}}}"""
          .formatted(job, i, job, i, job, i, goal, host, job, command)));
      if (batch.size() == 500) {
        api.createAll(ResourceTypes.TASK, "default", batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      api.createAll(ResourceTypes.TASK, "default", batch);
    }
  }
}
