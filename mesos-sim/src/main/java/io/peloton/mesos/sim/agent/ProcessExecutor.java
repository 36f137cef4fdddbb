package io.peloton.mesos.sim.agent;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each task's command with {@code /bin/sh -c} in its sandbox directory (stdout and stderr
 * go to files there), or with {@code docker run} when the task has an image and a Docker engine
 * is reachable. Kill = SIGTERM to the process tree, SIGKILL after the grace period.
 */
public final class ProcessExecutor implements TaskExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessExecutor.class);
  private final Vertx vertx;
  private final boolean dockerAvailable;
  private final Map<ProcessTask, Boolean> live = new ConcurrentHashMap<>();

  public ProcessExecutor(Vertx vertx, boolean dockerAvailable) {
    this.vertx = vertx;
    this.dockerAvailable = dockerAvailable;
  }

  @Override
  public boolean usesSandbox() {
    return true;
  }

  @Override
  public RunningTask launch(TaskLaunch launch, StatusListener listener) {
    ProcessTask task = new ProcessTask(listener);
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
        task.listener.onStatus(TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
            "Task killed before it was launched");
      }
      return null;
    }
    Path sandbox = launch.sandbox();
    Files.createDirectories(sandbox);
    Protos.CommandInfo command = launch.command();
    String image = imageOf(launch.task());
    List<String> argv = new ArrayList<>();
    String note = null;
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (Protos.Environment.Variable v : command.getEnvironment().getVariablesList()) {
      env.put(v.getName(), v.getValue());
    }
    env.put("MESOS_SANDBOX", sandbox.toString());
    env.put("MESOS_TASK_ID", launch.task().getTaskId().getValue());
    env.put("MESOS_AGENT_ID", launch.agentId());
    env.put("MESOS_FRAMEWORK_ID", launch.frameworkId());
    if (image != null && dockerAvailable) {
      task.containerName = "mesos-sim-" + sanitize(launch.task().getTaskId().getValue());
      argv.addAll(List.of("docker", "run", "--rm", "--name", task.containerName,
          "-v", sandbox + ":/mnt/mesos/sandbox", "-w", "/mnt/mesos/sandbox"));
      for (Map.Entry<String, String> e : env.entrySet()) {
        if (!e.getKey().equals("MESOS_SANDBOX")) {
          argv.add("-e");
          argv.add(e.getKey() + "=" + e.getValue());
        }
      }
      argv.add("-e");
      argv.add("MESOS_SANDBOX=/mnt/mesos/sandbox");
      argv.add(image);
      argv.addAll(shellArgv(command));
    } else {
      if (image != null) {
        note = "Image '" + image + "' was not used: no Docker engine is reachable; the command ran directly on the host";
      }
      argv.addAll(shellArgv(command));
    }
    ProcessBuilder pb = new ProcessBuilder(argv).directory(sandbox.toFile())
        .redirectOutput(sandbox.resolve("stdout").toFile())
        .redirectError(sandbox.resolve("stderr").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().putAll(env);
    Process process = pb.start();
    task.process = process;
    task.listener.onStatus(TaskState.TASK_RUNNING, null, note);
    process.onExit().thenAccept(p -> task.exited(p.exitValue()));
    if (task.killRequested.get()) {
      task.terminate(); // a kill arrived while the process was starting
    }
    return null;
  }

  private static List<String> shellArgv(Protos.CommandInfo command) {
    if (!command.hasShell() || command.getShell()) {
      return List.of("/bin/sh", "-c", command.getValue());
    }
    List<String> argv = new ArrayList<>();
    argv.add(command.getValue());
    if (command.getArgumentsCount() > 1) {
      argv.addAll(command.getArgumentsList().subList(1, command.getArgumentsCount())); // arguments[0] is argv[0]
    }
    return argv;
  }

  private static String imageOf(Protos.TaskInfo task) {
    if (!task.hasContainer()) {
      return null;
    }
    Protos.ContainerInfo c = task.getContainer();
    if (c.hasDocker() && !c.getDocker().getImage().isEmpty()) {
      return c.getDocker().getImage();
    }
    if (c.hasMesos() && c.getMesos().hasImage() && c.getMesos().getImage().hasDocker()) {
      return c.getMesos().getImage().getDocker().getName();
    }
    return null;
  }

  private static String sanitize(String id) {
    return id.replaceAll("[^a-zA-Z0-9_.-]", "_");
  }

  @Override
  public void close() {
    for (ProcessTask t : live.keySet()) {
      t.abandon();
    }
    live.clear();
  }

  private final class ProcessTask implements RunningTask {
    private final StatusListener listener;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicBoolean killRequested = new AtomicBoolean();
    private volatile Process process;
    private volatile long graceNanos = 3_000_000_000L;
    private volatile String containerName;

    ProcessTask(StatusListener listener) {
      this.listener = listener;
    }

    void exited(int code) {
      live.remove(this);
      if (!done.compareAndSet(false, true)) {
        return;
      }
      if (killRequested.get()) {
        listener.onStatus(TaskState.TASK_KILLED, null, "Command terminated with signal " + (code > 128 ? code - 128 : code));
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
      if (process != null) {
        terminate(); // otherwise start() sees killRequested and handles it
      }
    }

    void terminate() {
      signal(false);
      long graceMillis = Math.max(1, graceNanos / 1_000_000);
      vertx.setTimer(graceMillis, id -> {
        Process p = process;
        if (p != null && p.isAlive()) {
          signal(true);
        }
      });
    }

    void signal(boolean force) {
      Process p = process;
      if (p == null) {
        return;
      }
      try {
        p.descendants().forEach(h -> {
          if (force) {
            h.destroyForcibly();
          } else {
            h.destroy();
          }
        });
        if (force) {
          p.destroyForcibly();
          killContainer(); // SIGKILL to the docker client would leave the container running
        } else {
          p.destroy(); // SIGTERM on POSIX; `docker run` forwards it to the container
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
      vertx.executeBlocking(() -> {
        Process kill = new ProcessBuilder("docker", "kill", name).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        return null;
      }, false);
    }

    @Override
    public void abandon() {
      done.set(true);
      killRequested.set(true);
      live.remove(this);
      signal(true);
    }
  }
}
