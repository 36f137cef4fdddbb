package io.peloton.mesos.sim;

import io.peloton.mesos.sim.agent.ProcessExecutor;
import io.peloton.mesos.sim.cluster.ClusterSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peloton mesos-sim}: runs a simulated Mesos master and agents until interrupted. */
@Command(name = "mesos-sim", mixinStandardHelpOptions = true,
    description = "Run a simulated Mesos master and agents speaking the Mesos v1 HTTP API.")
public final class MesosSimCommand implements Callable<Integer> {
  @Option(names = "--port", description = "HTTP port (default ${DEFAULT-VALUE})", defaultValue = "5050")
  int port;

  @Option(names = "--host", description = "Address to bind and advertise (default ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--cluster", description = "Cluster YAML: agents with hostname, cpus, mem, disk, gpus, ports, attributes")
  Path cluster;

  @Option(names = "--agents", description = "Number of generated agents when no --cluster is given (default 4)")
  Integer agents;

  @Option(names = "--executor", description = "process | simulated (default ${DEFAULT-VALUE})", defaultValue = "process")
  String executor;

  @Option(names = "--work-dir", description = "Root directory of task sandboxes (default: a temp"
      + " directory). Tasks never outlive the simulator; leftovers of a killed one are killed at"
      + " the next start on the same directory.")
  Path workDir;

  @Option(names = "--data-dir", description = "Root directory of task sandboxes and agent"
      + " checkpoints (instead of --work-dir): tasks outlive the simulator and a restart on the"
      + " same directory recovers them, as Mesos agents do.")
  Path dataDir;

  @Option(names = "--cleanup", description = "With --data-dir: kill the tasks checkpointed there,"
      + " forget them and exit (a Mesos agent's --recover=cleanup).")
  boolean cleanup;

  @Override
  public Integer call() throws Exception {
    SimulatorConfig.ExecutorKind kind;
    switch (executor) {
      case "process" -> kind = SimulatorConfig.ExecutorKind.PROCESS;
      case "simulated" -> kind = SimulatorConfig.ExecutorKind.SIMULATED;
      default -> {
        System.err.println("--executor: must be 'process' or 'simulated', got '" + executor + "'");
        return 2;
      }
    }
    if (workDir != null && dataDir != null) {
      System.err.println("--work-dir and --data-dir are exclusive");
      return 2;
    }
    if (cleanup) {
      if (dataDir == null) {
        System.err.println("--cleanup: needs --data-dir");
        return 2;
      }
      int n = ProcessExecutor.cleanup(MesosSimulator.taskCheckpoints(dataDir));
      System.out.println("mesos-sim: killed and forgot the " + n + " task(s) checkpointed in "
          + dataDir);
      return 0;
    }
    if (cluster != null && agents != null) {
      System.err.println("--cluster and --agents are exclusive");
      return 2;
    }
    if (agents == null) {
      agents = 4;
    }
    if (agents < 1) {
      System.err.println("--agents: must be >= 1");
      return 2;
    }
    ClusterSpec spec;
    try {
      spec = cluster != null ? ClusterSpec.read(cluster) : ClusterSpec.generated(agents, 8, 16384, 100_000);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (java.io.IOException e) {
      System.err.println("--cluster: cannot read " + cluster + ": " + e.getMessage());
      return 2;
    }
    SimulatorConfig config = SimulatorConfig.defaults().withHost(host).withPort(port).withCluster(spec)
        .withExecutor(kind).withWorkDir(dataDir != null ? dataDir : workDir)
        .withRecoverAgents(dataDir != null);
    MesosSimulator sim;
    try {
      sim = MesosSimulator.start(config);
    } catch (IllegalStateException e) {
      System.err.println(e.getMessage());
      return 1;
    }
    System.out.println("mesos-sim listening on " + sim.url() + " with " + sim.agents().size() + " agents ("
        + executor + " executor); sandboxes in " + sim.workDir());
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sim.close();
      stop.countDown();
    }));
    stop.await();
    return 0;
  }
}
