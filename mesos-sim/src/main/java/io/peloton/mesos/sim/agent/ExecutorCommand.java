package io.peloton.mesos.sim.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos;

/**
 * The process that runs one task: a small executor shell started under {@code setsid} (its own
 * session and process group) that runs the task's command — directly or with {@code docker run}
 * — and records the command's exit status in the task's checkpoint, so that an agent restarted
 * meanwhile still learns how the task ended. The environment is built from scratch (the task's
 * variables, Mesos's, default PATH and HOME): tasks never see the control plane's environment.
 *
 * @param note a message for TASK_RUNNING (an image that could not be used), or null
 * @param containerName the Docker container's name, or null
 */
record ExecutorCommand(List<String> argv, Map<String, String> environment, String note,
    String containerName) {
  /** Mesos's default PATH for tasks (os::host_default_path). */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  /** What the Docker client may need from the agent's environment to reach the engine. */
  private static final List<String> DOCKER_CLIENT_VARIABLES = List.of("DOCKER_HOST",
      "DOCKER_CONFIG", "DOCKER_CONTEXT", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY");
  /**
   * $1 the exit status file, then the command; TERM is caught so the status is still written.
   * Only shell builtins: the task's own PATH may not have the usual tools.
   */
  private static final String WRAPPER = "trap : TERM; f=$1; shift; \"$@\"; s=$?; "
      + "echo $s > \"$f\"; exit $s";

  static ExecutorCommand of(TaskLaunch launch, Path exitFile, boolean dockerAvailable) {
    Path sandbox = launch.sandbox();
    Protos.CommandInfo command = launch.command();
    Map<String, String> env = new LinkedHashMap<>();
    for (Protos.Environment.Variable v : command.getEnvironment().getVariablesList()) {
      env.put(v.getName(), v.getValue());
    }
    env.put("MESOS_SANDBOX", sandbox.toString());
    env.put("MESOS_DIRECTORY", sandbox.toString());
    env.put("MESOS_TASK_ID", launch.task().getTaskId().getValue());
    env.put("MESOS_AGENT_ID", launch.agentId());
    env.put("MESOS_FRAMEWORK_ID", launch.frameworkId());
    env.put("MESOS_EXECUTOR_ID", launch.executorId());
    List<String> argv = new ArrayList<>(List.of("setsid", "/bin/sh", "-c", WRAPPER,
        "mesos-executor", exitFile.toString()));
    String image = imageOf(launch.task());
    String container = containerNameOf(launch.task(), dockerAvailable);
    if (container != null) {
      argv.addAll(List.of("docker", "run", "--rm", "--name", container,
          "-v", sandbox + ":/mnt/mesos/sandbox", "-w", "/mnt/mesos/sandbox"));
      Map<String, String> clientEnv = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : env.entrySet()) {
        if (e.getKey().equals("MESOS_SANDBOX") || e.getKey().equals("MESOS_DIRECTORY")) {
          continue;
        }
        argv.add("-e");
        argv.add(e.getKey() + "=" + e.getValue());
      }
      argv.add("-e");
      argv.add("MESOS_SANDBOX=/mnt/mesos/sandbox");
      argv.add(image);
      argv.addAll(shellArgv(command));
      clientEnv.putAll(defaults());
      for (String name : DOCKER_CLIENT_VARIABLES) {
        String value = System.getenv(name);
        if (value != null) {
          clientEnv.put(name, value);
        }
      }
      return new ExecutorCommand(argv, clientEnv, null, container);
    }
    argv.addAll(shellArgv(command));
    Map<String, String> hostEnv = defaults();
    hostEnv.putAll(env); // the task's own PATH or HOME wins
    String note = image == null ? null : "Image '" + image + "' was not used: no Docker engine"
        + " is reachable; the command ran directly on the host";
    return new ExecutorCommand(argv, hostEnv, note, null);
  }

  /** The Docker container a task runs in, or null when it runs directly on the host. */
  static String containerNameOf(Protos.TaskInfo task, boolean dockerAvailable) {
    return imageOf(task) != null && dockerAvailable
        ? "mesos-sim-" + sanitize(task.getTaskId().getValue()) : null;
  }

  private static Map<String, String> defaults() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", DEFAULT_PATH);
    env.put("HOME", System.getProperty("user.home", "/"));
    return env;
  }

  private static List<String> shellArgv(Protos.CommandInfo command) {
    if (!command.hasShell() || command.getShell()) {
      return List.of("/bin/sh", "-c", command.getValue());
    }
    List<String> argv = new ArrayList<>();
    argv.add(command.getValue());
    if (command.getArgumentsCount() > 1) {
      // arguments[0] is argv[0]
      argv.addAll(command.getArgumentsList().subList(1, command.getArgumentsCount()));
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
}
