package io.peloton.bridge.launch;

import io.peloton.api.task.Task;
import io.peloton.api.taskconfig.Command;
import io.peloton.api.taskconfig.EnvVar;
import io.peloton.api.taskconfig.Port;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.api.taskconfig.TaskResources;
import io.peloton.api.taskconfig.Uri;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Fits the tasks bound to one agent into that agent's offers and builds their TaskInfos
 * (resources carved from the offers, ports from the offered ranges exported as env vars, and
 * {@code PELOTON_JOB_ID}, {@code PELOTON_INSTANCE_ID}, {@code PELOTON_TASK_ID}).
 */
public final class LaunchPlanner {
  public static final String ENV_JOB_ID = "PELOTON_JOB_ID";
  public static final String ENV_INSTANCE_ID = "PELOTON_INSTANCE_ID";
  public static final String ENV_TASK_ID = "PELOTON_TASK_ID";

  private LaunchPlanner() {}

  /** Plans one ACCEPT: tasks in order, each either fitted or rejected with a reason. */
  public static LaunchPlan plan(List<Offer> offers, List<Task> tasks) {
    ResourceLedger ledger = new ResourceLedger(offers);
    Protos.AgentID agentId = offers.get(0).getAgentId();
    String hostname = offers.get(0).getHostname();
    List<LaunchPlan.Launch> launches = new ArrayList<>();
    List<LaunchPlan.Rejected> rejected = new ArrayList<>();
    for (Task task : tasks) {
      TaskConfig config = task.spec().config();
      if (config == null || config.command() == null || config.command().value() == null) {
        rejected.add(new LaunchPlan.Rejected(task, "spec.config.command.value: required to launch"));
        continue;
      }
      TaskResources res = config.resource();
      double cpus = res == null || res.cpuLimit() == null ? 0 : res.cpuLimit();
      double mem = res == null || res.memLimitMb() == null ? 0 : res.memLimitMb();
      double disk = res == null || res.diskLimitMb() == null ? 0 : res.diskLimitMb();
      double gpus = res == null || res.gpuLimit() == null ? 0 : res.gpuLimit();
      String shortfall = ledger.shortfall(cpus, mem, disk, gpus);
      if (shortfall != null) {
        rejected.add(new LaunchPlan.Rejected(task, "host " + hostname + " cannot hold the task: "
            + shortfall));
        continue;
      }
      List<Resource> resources = new ArrayList<>();
      Map<String, Integer> ports = new LinkedHashMap<>();
      var saved = ledger.savePorts();
      String portProblem = null;
      List<Resource> portResources = new ArrayList<>();
      for (Port p : orEmpty(config.ports())) {
        long want = p.isDynamic() ? 0 : p.value();
        long got = ledger.takePort(want, portResources);
        if (got < 0) {
          portProblem = p.isDynamic()
              ? "host " + hostname + " cannot hold the task: no free port left for '" + p.name() + "'"
              : "host " + hostname + " cannot hold the task: port " + want + " ('" + p.name()
                  + "') is not offered";
          break;
        }
        ports.put(p.name(), (int) got);
      }
      if (portProblem != null) {
        ledger.restorePorts(saved);
        rejected.add(new LaunchPlan.Rejected(task, portProblem));
        continue;
      }
      ledger.takeScalar("cpus", cpus, resources);
      ledger.takeScalar("mem", mem, resources);
      ledger.takeScalar("disk", disk, resources);
      ledger.takeScalar("gpus", gpus, resources);
      resources.addAll(portResources);
      int runId = task.spec().runId() == null ? 1 : task.spec().runId();
      String mesosTaskId = MesosTaskIds.of(task, runId);
      TaskInfo info = taskInfo(task, config, mesosTaskId, agentId, resources, ports);
      launches.add(new LaunchPlan.Launch(task, runId, mesosTaskId, info, ports));
    }
    return new LaunchPlan(launches, rejected);
  }

  static TaskInfo taskInfo(Task task, TaskConfig config, String mesosTaskId,
      Protos.AgentID agentId, List<Resource> resources, Map<String, Integer> ports) {
    Command cmd = config.command();
    Protos.CommandInfo.Builder command = Protos.CommandInfo.newBuilder()
        .setValue(cmd.value())
        .setShell(cmd.shell() == null || cmd.shell())
        .addAllArguments(orEmpty(cmd.arguments()));
    if (cmd.user() != null) {
      command.setUser(cmd.user());
    }
    for (Uri u : orEmpty(cmd.uris())) {
      Protos.CommandInfo.URI.Builder ub = Protos.CommandInfo.URI.newBuilder().setValue(u.value());
      if (u.executable() != null) {
        ub.setExecutable(u.executable());
      }
      if (u.extract() != null) {
        ub.setExtract(u.extract());
      }
      if (u.cache() != null) {
        ub.setCache(u.cache());
      }
      if (u.outputFile() != null) {
        ub.setOutputFile(u.outputFile());
      }
      command.addUris(ub);
    }
    // later entries win, so the Peloton variables cannot be overridden by the config
    Map<String, String> env = new LinkedHashMap<>();
    if (cmd.environment() != null) {
      orEmpty(cmd.environment().variables()).forEach(v -> env.put(v.name(), v.value()));
    }
    for (EnvVar v : orEmpty(config.env())) {
      env.put(v.name(), v.value());
    }
    for (Port p : orEmpty(config.ports())) {
      Integer value = ports.get(p.name());
      String name = p.envName() != null && !p.envName().isBlank() ? p.envName()
          : "PORT_" + p.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
      env.put(name, String.valueOf(value));
    }
    env.put(ENV_JOB_ID, task.spec().job());
    env.put(ENV_INSTANCE_ID, String.valueOf(task.spec().instance()));
    env.put(ENV_TASK_ID, mesosTaskId);
    Protos.Environment.Builder environment = Protos.Environment.newBuilder();
    env.forEach((k, v) -> environment.addVariables(Protos.Environment.Variable.newBuilder()
        .setName(k).setType(Protos.Environment.Variable.Type.VALUE).setValue(v == null ? "" : v)));
    command.setEnvironment(environment);

    TaskInfo.Builder info = TaskInfo.newBuilder()
        .setName(task.metadata().name())
        .setTaskId(Protos.TaskID.newBuilder().setValue(mesosTaskId))
        .setAgentId(agentId)
        .addAllResources(resources)
        .setCommand(command);
    if (config.labels() != null && !config.labels().isEmpty()) {
      Protos.Labels.Builder labels = Protos.Labels.newBuilder();
      config.labels().forEach((k, v) -> labels.addLabels(Protos.Label.newBuilder().setKey(k)
          .setValue(v == null ? "" : v)));
      info.setLabels(labels);
    }
    if (config.killGracePeriodSeconds() != null) {
      info.setKillPolicy(Protos.KillPolicy.newBuilder().setGracePeriod(gracePeriod(
          config.killGracePeriodSeconds())));
    }
    return info.build();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /** A kill grace period as Mesos' DurationInfo. */
  public static Protos.DurationInfo gracePeriod(int seconds) {
    return Protos.DurationInfo.newBuilder().setNanoseconds(seconds * 1_000_000_000L).build();
  }
}
