package io.peloton.mesos.sim.agent;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task's command with {@code /bin/sh -c} in its sandbox directory (stdout and stderr
 * go to files there), or with {@code docker run} when the task has an image and a Docker engine
 * is reachable; each task in its own process group (see {@link ExecutorCommand}). Kill = SIGTERM
 * to the group, SIGKILL after the grace period. Every task is checkpointed: when the agents
 * recover, a restarted simulator takes over the tasks still running and reports the ones that
 * ended meanwhile (as a Mesos agent does); otherwise task processes never outlive the simulator
 * — killed on close, by a shutdown hook, and (after a SIGKILL, which skips hooks) on the next
 * start with the same work directory.
 */
public final class ProcessExecutor implements TaskExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutor.class);
  private final Vertx vertx;
  private final boolean dockerAvailable;
  private final Path checkpoints;
  private final boolean recovers;
  private final Map<ProcessTask, Boolean> live = new ConcurrentHashMap<>();
  private final Thread killOnExit;
  private volatile boolean closed;

  /**
   * @param checkpoints where tasks are checkpointed (outside the sandboxes)
   * @param recovers whether tasks outlive the simulator and a restart takes them over
   */
  public ProcessExecutor(Vertx vertx, boolean dockerAvailable, Path checkpoints, boolean recovers) {
    this.vertx = vertx;
    this.dockerAvailable = dockerAvailable;
    this.checkpoints = checkpoints;
    this.recovers = recovers;
    this.killOnExit = recovers ? null : new Thread(this::killAll, "mesos-sim-kill-tasks");
    if (killOnExit != null) {
      Runtime.getRuntime().addShutdownHook(killOnExit);
    }
  }

  @Override
  public boolean usesSandbox() {
    return true;
  }

  @Override
  public RunningTask launch(TaskLaunch launch, StatusListener listener) {
    String taskId = launch.task().getTaskId().getValue();
    TaskCheckpoint checkpoint = new TaskCheckpoint(TaskCheckpoint.dirOf(checkpoints,
        launch.agentId(), launch.frameworkId(), launch.executorId(), taskId), launch.agentId(),
        launch.frameworkId(), launch.executorId(), launch.task(), launch.sandbox(),
        recovers && launch.checkpoint(), 0, 0);
    ProcessTask task = new ProcessTask(listener, checkpoint);
    live.put(task, Boolean.TRUE);
    listener.onStatus(TaskState.TASK_STARTING, null, null);
    // directory creation and fork are blocking: keep them off the event loop
    vertx.executeBlocking(() -> start(launch, task), false).onFailure(e -> {
      if (task.done.compareAndSet(false, true)) {
        live.remove(task);
        listener.onStatus(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED,
            "Failed to launch container: " + e.getMessage());
      }
    });
    return task;
  }

  private Void start(TaskLaunch launch, ProcessTask task) throws IOException {
    if (task.killRequested.get()) {
      // Mesos reports a kill that arrives during launch without starting the task
      if (task.done.compareAndSet(false, true)) {
        live.remove(task);
        task.listener.onStatus(TaskState.TASK_KILLED,
            TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
            "Task killed before it was launched");
      }
      return null;
    }
    Path sandbox = launch.sandbox();
    Files.createDirectories(sandbox);
    task.checkpoint.write();
    ExecutorCommand command = ExecutorCommand.of(launch, task.checkpoint.exitFile(),
        dockerAvailable);
    task.containerName = command.containerName();
    ProcessBuilder pb = new ProcessBuilder(command.argv()).directory(sandbox.toFile())
        .redirectOutput(sandbox.resolve("stdout").toFile())
        .redirectError(sandbox.resolve("stderr").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(command.environment());
    Process process = pb.start();
    ProcessHandle handle = process.toHandle();
    task.checkpoint = task.checkpoint.withProcess(handle.pid(), ProcessGroup.startMillis(handle));
    try {
      task.checkpoint.write();
    } catch (IOException e) {
      // the task runs; only a restarted agent would not find it again
      LOG.warn("Cannot checkpoint task {}: {}", launch.task().getTaskId().getValue(), e.toString());
    }
    task.attach(handle, process);
    task.listener.onStatus(TaskState.TASK_RUNNING, null, command.note());
    process.onExit().thenRun(task::exited);
    if (task.killRequested.get()) {
      task.terminate(); // a kill arrived while the process was starting
    }
    return null;
  }

  @Override
  public List<TaskCheckpoint> recover() {
    List<TaskCheckpoint> recovered = new ArrayList<>();
    for (TaskCheckpoint c : TaskCheckpoint.readAll(checkpoints)) {
      if (recovers && c.recoverable()) {
        recovered.add(c);
      } else {
        killLeftover(c);
      }
    }
    return recovered;
  }

  /**
   * Kills every task checkpointed under {@code checkpoints} and forgets it (a Mesos agent's
   * {@code --recover=cleanup}); returns how many there were.
   */
  public static int cleanup(Path checkpoints) {
    List<TaskCheckpoint> all = TaskCheckpoint.readAll(checkpoints);
    all.forEach(ProcessExecutor::killLeftover);
    return all.size();
  }

  private static void killLeftover(TaskCheckpoint c) {
    if (ProcessGroup.alive(c.pid())) {
      LOG.info("Killing task {} (process group {}) left over by a previous run",
          c.task().getTaskId().getValue(), c.pid());
      ProcessGroup.signal(c.pid(), c.startMillis(), true);
    }
    c.delete();
  }

  @Override
  public RunningTask adopt(TaskCheckpoint checkpoint, StatusListener listener) {
    ProcessTask task = new ProcessTask(listener, checkpoint);
    Optional<ProcessHandle> process = ProcessGroup.same(checkpoint.pid(), checkpoint.startMillis());
    if (process.isEmpty()) {
      task.exited(); // ended while the agent was down: report how
      return task;
    }
    live.put(task, Boolean.TRUE);
    task.containerName = ExecutorCommand.containerNameOf(checkpoint.task(), dockerAvailable);
    task.attach(process.get(), null);
    process.get().onExit().thenRun(task::exited);
    return task;
  }

  @Override
  public void close() {
    closed = true;
    if (killOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) anyway
      }
      killAll();
    }
    live.clear(); // with recovery the tasks keep running for the next start
  }

  private void killAll() {
    for (ProcessTask t : live.keySet()) {
      t.done.set(true);
      t.killRequested.set(true);
      t.signal(true);
    }
    live.clear();
  }

  private final class ProcessTask implements RunningTask {
    private final StatusListener listener;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean killRequested = new AtomicBoolean();
    private volatile TaskCheckpoint checkpoint;
    private volatile ProcessHandle handle;
    private volatile Process child;
    private volatile long graceNanos = 3_000_000_000L;
    private volatile String containerName;

    ProcessTask(StatusListener listener, TaskCheckpoint checkpoint) {
      this.listener = listener;
      this.checkpoint = checkpoint;
    }

    void attach(ProcessHandle process, Process started) {
      this.child = started;
      this.handle = process;
    }

    /** The executor process ended (or was found gone at recovery). Not on an event loop. */
    void exited() {
      live.remove(this);
      if (closed) {
        return; // a stopped agent reports nothing; with recovery the next start does
      }
      // what the task left in its group dies with it, as a container's processes do
      ProcessGroup.signal(checkpoint.pid(), checkpoint.startMillis(), true);
      if (!done.compareAndSet(false, true)) {
        return;
      }
      Process p = child;
      Integer code = p != null ? Integer.valueOf(p.exitValue()) : checkpoint.exitCode();
      if (killRequested.get() || checkpoint.killRequested()) {
        int signal = code == null ? 9 : code > 128 ? code - 128 : code;
        listener.onStatus(TaskState.TASK_KILLED, null, "Command terminated with signal " + signal);
      } else if (code == null) {
        listener.onStatus(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
            "Executor terminated while the agent was down (agent restarted)");
      } else if (code == 0) {
        listener.onStatus(TaskState.TASK_FINISHED, null, "Command exited with status 0");
      } else {
        listener.onStatus(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED,
            "Command exited with status " + code);
      }
    }

    @Override
    public void kill(long gracePeriodNanos) {
      if (done.get() || !killRequested.compareAndSet(false, true)) {
        return;
      }
      graceNanos = gracePeriodNanos;
      if (handle != null) {
        terminate(); // otherwise start() sees killRequested and handles it
      }
    }

    void terminate() {
      vertx.executeBlocking(() -> {
        checkpoint.markKilled();
        signal(false);
        return null;
      }, false);
      long graceMillis = Math.max(1, graceNanos / 1_000_000);
      vertx.setTimer(graceMillis, id -> vertx.executeBlocking(() -> {
        if (ProcessGroup.alive(checkpoint.pid()) || containerName != null) {
          signal(true);
        }
        return null;
      }, false));
    }

    /** SIGTERM or SIGKILL to the task's process group; blocking. */
    void signal(boolean force) {
      if (handle == null) {
        return;
      }
      try {
        ProcessGroup.signal(checkpoint.pid(), checkpoint.startMillis(), force);
        if (force) {
          killContainer(); // SIGKILL to the docker client would leave the container running
        }
      } catch (RuntimeException e) {
        LOG.debug("signal failed", e);
      }
    }

    private void killContainer() {
      String name = containerName;
      if (name == null) {
        return;
      }
      try {
        Process kill = new ProcessBuilder("docker", "kill", name).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        kill.waitFor(10, TimeUnit.SECONDS);
      } catch (IOException e) {
        LOG.debug("docker kill {} failed", name, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void abandon() {
      done.set(true);
      killRequested.set(true);
      live.remove(this);
      vertx.executeBlocking(() -> {
        signal(true);
        return null;
      }, false);
    }

    @Override
    public void release() {
      vertx.executeBlocking(() -> {
        checkpoint.delete();
        return null;
      }, false);
    }
  }
}
