package io.peloton.dist;

import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.storage.StoreUrl;
import io.peloton.bridge.BridgeConfig;
import io.peloton.bridge.MesosBridge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.client.ApiClient;
import io.peloton.client.informer.InformerConfig;
import io.peloton.client.informer.InformerSet;
import io.peloton.controllers.ControllerConfig;
import io.peloton.controllers.Controllers;
import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.agent.ProcessExecutor;
import io.peloton.mesos.sim.cluster.ClusterSpec;
import io.peloton.scheduler.service.SchedulerService;
import io.peloton.scheduler.service.SchedulerServiceConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peloton up}: the whole system in one process on the embedded store, with a simulated
 * Mesos cluster whose agents really run commands. Stopping and starting again resumes from the
 * same data directory.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Run everything locally: API server (SQLite), controllers, scheduler, Mesos"
        + " bridge and a simulated Mesos cluster whose agents really run commands.")
public final class UpCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8080", description = "API server port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--mesos-port", defaultValue = "5050",
      description = "Simulated Mesos master port (default: ${DEFAULT-VALUE}).")
  int mesosPort;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the API server"
      + " and the simulated Mesos master bind (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(names = "--data-dir", defaultValue = ".peloton/up",
      description = "Where the store and task sandboxes live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--store-recover", description = "Serve a store that lost revisions it had "
      + "(truncated file, damaged WAL) as it is, instead of refusing to start.")
  boolean storeRecover;

  @Option(names = "--cluster", description = "Cluster YAML for the simulator (default: 4 agents"
      + " and one GPU agent).")
  Path cluster;

  @Option(names = "--cleanup", description = "Kill the tasks a previous `peloton up` left running"
      + " on this data directory (they outlive it, as on Mesos agents) and exit.")
  boolean cleanup;

  @Override
  public Integer call() throws Exception {
    if (cleanup) {
      int n = ProcessExecutor.cleanup(MesosSimulator.taskCheckpoints(sandboxes()));
      System.out.println("peloton up: killed and forgot the " + n + " task(s) left in " + dataDir);
      return 0;
    }
    Files.createDirectories(dataDir);
    Deque<AutoCloseable> running = new ArrayDeque<>();
    try {
      String store = "sqlite:" + dataDir.resolve("store.db");
      ApiServer api = ApiServer.start(ApiServerConfig.defaults(
          storeRecover ? StoreUrl.withRecover(store) : store, port).withHost(host));
      running.push(api);
      ClusterSpec spec = cluster != null ? ClusterSpec.read(cluster) : defaultCluster();
      MesosSimulator mesos = MesosSimulator.start(SimulatorConfig.defaults()
          .withHost(host).withPort(mesosPort).withCluster(spec)
          .withExecutor(SimulatorConfig.ExecutorKind.PROCESS)
          .withWorkDir(Files.createDirectories(sandboxes()))
          // tasks outlive a stop of `up`; the next start on this data dir takes them over
          .withRecoverAgents(true));
      running.push(mesos);
      ApiClient client = new ApiClient(api.url(), null);
      ControllerConfig controllers = ControllerConfig.defaults();
      MeterRegistry registry = new SimpleMeterRegistry();
      // one list/watch and one cache per kind for all components; closed after them
      InformerSet informers = new InformerSet(client,
          InformerConfig.defaults().withResyncPeriod(controllers.resyncPeriod()), registry);
      running.push(informers);
      running.push(Controllers.start(client, controllers, registry, informers));
      running.push(SchedulerService.start(client, SchedulerServiceConfig.defaults("up"), registry,
          informers));
      running.push(MesosBridge.start(client, BridgeConfig.defaults(mesos.url(), "up"), registry,
          informers));
      printBanner(api, mesos, store);
    } catch (IllegalArgumentException | IllegalStateException | IOException e) {
      System.err.println("error: " + e.getMessage());
      closeAll(running);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.err.println("peloton up: stopping...");
      closeAll(running);
      stopped.countDown();
    }, "peloton-up-shutdown"));
    stopped.await();
    return 0;
  }

  private Path sandboxes() {
    return dataDir.resolve("sandboxes");
  }

  private void printBanner(ApiServer api, MesosSimulator mesos, String store) {
    String agents = mesos.agents().stream().map(MesosSimulator.AgentView::hostname)
        .collect(Collectors.joining(" "));
    System.out.println("""
        Peloton-K is up.
          API server     %s   (store %s)
          Mesos master   %s   (simulated agents that really run commands: %s)

        Point pelotonctl at it:
          export PELOTON_SERVER=%s
          bin/pelotonctl get resourcepools

        Ctrl-C stops Peloton-K; its tasks keep running (as on Mesos agents) and
        `bin/peloton up` again takes them over from %s
        (`bin/peloton up --cleanup` kills what is left instead)."""
        .formatted(api.url(), store, mesos.url(), agents, api.url(), dataDir));
  }

  private static ClusterSpec defaultCluster() throws IOException {
    try (InputStream in = UpCommand.class.getResourceAsStream("/local-cluster.yaml")) {
      return ClusterSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void closeAll(Deque<AutoCloseable> running) {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        System.err.println("peloton up: " + e.getMessage());
      }
    }
  }
}
