package io.peloton.mesos.sim;

import io.peloton.mesos.sim.agent.Agent;
import io.peloton.mesos.sim.agent.DockerProbe;
import io.peloton.mesos.sim.agent.ProcessExecutor;
import io.peloton.mesos.sim.agent.SimulatedExecutor;
import io.peloton.mesos.sim.agent.TaskCheckpoint;
import io.peloton.mesos.sim.agent.TaskExecutor;
import io.peloton.mesos.sim.cluster.AgentSpec;
import io.peloton.mesos.sim.fault.FaultInjector;
import io.peloton.mesos.sim.http.MesosHttpServer;
import io.peloton.mesos.sim.master.Master;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * In-process API of the simulated Mesos master and agents: start it, point a framework at
 * {@link #schedulerUrl()}, control agents and inject faults, then {@link #close()} it.
 */
public final class MesosSimulator implements AutoCloseable {
  /** A snapshot of one agent. */
  public record AgentView(String id, String hostname, String ip, String status) {}

  private final Vertx vertx;
  private final Master master;
  private final MesosHttpServer http;
  private final FaultInjector faults;
  private final SimulatorConfig config;
  private final Path workDir;
  private final int port;

  private MesosSimulator(SimulatorConfig config) throws Exception {
    this.config = config;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    this.workDir = config.workDir() != null ? config.workDir() : Files.createTempDirectory("mesos-sim-");
    Files.createDirectories(workDir);
    TaskExecutor executor = config.executor() == SimulatorConfig.ExecutorKind.PROCESS
        ? new ProcessExecutor(vertx, DockerProbe.engineReachable(),
            taskCheckpoints(workDir), config.recoverAgents())
        : new SimulatedExecutor(vertx);
    this.master = new Master(vertx, config, executor, workDir);
    this.faults = new FaultInjector(master);
    this.http = new MesosHttpServer(vertx, master, faults, config.host(), workDir);
    try {
      this.port = http.listen(config.port()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IllegalStateException("Could not bind " + config.host() + ":" + config.port() + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    }
    master.boundPort(port);
    master.startTimers();
  }

  /** Where the agents checkpoint their tasks under a work directory (never served over HTTP). */
  public static Path taskCheckpoints(Path workDir) {
    return TaskCheckpoint.rootIn(workDir);
  }

  /** Starts a simulator and returns once it is listening. */
  public static MesosSimulator start(SimulatorConfig config) {
    try {
      return new MesosSimulator(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bound HTTP port. */
  public int port() {
    return port;
  }

  /** {@code http://host:port} (the loopback address when bound to every interface). */
  public String url() {
    String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    return "http://" + host + ":" + port;
  }

  /** {@code http://host:port/api/v1/scheduler}. */
  public String schedulerUrl() {
    return url() + "/api/v1/scheduler";
  }

  /** The fault injector. */
  public FaultInjector faults() {
    return faults;
  }

  /** The root of task sandboxes. */
  public Path workDir() {
    return workDir;
  }

  /** Snapshots of all agents. */
  public List<AgentView> agents() {
    return master.agents().stream()
        .map(a -> new AgentView(a.id(), a.hostname(), a.ip(), a.status().name())).toList();
  }

  /** Adds an agent at run time; returns its id. */
  public String addAgent(AgentSpec spec) {
    return master.addAgent(spec);
  }

  /** The agent-side state of an active task, or null. */
  public TaskState taskState(String frameworkId, String taskId) {
    return master.agentTaskState(frameworkId, taskId);
  }

  /** Counts active tasks whose agent-side state is the given one. */
  public int countTasks(TaskState state) {
    return master.countTasksInState(state);
  }

  /** The sandbox of an active task, or null. */
  public Path sandboxOf(String taskId) {
    return master.sandboxOf(taskId);
  }

  /** Runs an allocation cycle at once. */
  public void allocateNow() {
    master.allocate();
  }

  /** Messages frameworks sent to an executor. */
  public List<com.google.protobuf.ByteString> messagesTo(String agentId, String executorId) {
    return master.messagesTo(agentId, executorId);
  }

  /** Makes an executor send a framework message (a MESSAGE event), as a real executor can. */
  public void sendFrameworkMessage(String frameworkId, String agentId, String executorId,
                                   com.google.protobuf.ByteString data) {
    master.executorMessage(frameworkId, agentId, executorId, data);
  }

  /** The agent by id or hostname, or null. */
  public AgentView agent(String idOrHostname) {
    Agent a = master.findAgent(idOrHostname);
    return a == null ? null : new AgentView(a.id(), a.hostname(), a.ip(), a.status().name());
  }

  @Override
  public void close() {
    master.shutdown();
    try {
      http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort: the JVM may be going away
    }
  }
}
