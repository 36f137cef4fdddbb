package io.peloton.controllers.job;

import io.peloton.api.ApiObject;
import io.peloton.api.job.Job;
import io.peloton.api.job.JobSpec;
import io.peloton.api.job.Sla;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.meta.OwnerReference;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.api.taskconfig.PreemptionPolicy;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.controllers.WellKnownKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the Task of one instance of a Job, and the specs of its later runs. */
public final class TaskFactory {
  private TaskFactory() {}

  /** The goal state instances of this job type run toward. */
  public static TaskState goalFor(JobSpec spec) {
    return spec.type() == JobSpec.JobType.BATCH ? TaskState.SUCCEEDED : TaskState.RUNNING;
  }

  /** The resolved config of an instance (DAEMON jobs have only the default config). */
  public static TaskConfig configFor(JobSpec spec, int instance) {
    return spec.type() == JobSpec.JobType.DAEMON ? spec.defaultConfig() : spec.configFor(instance);
  }

  /** A new Task for {@code instance}; {@code daemonHost} binds a DAEMON instance to its host. */
  public static Task newTask(Job job, int instance, String daemonHost) {
    JobSpec spec = job.spec();
    ObjectMeta jm = job.metadata();
    Map<String, String> labels = new HashMap<>();
    labels.put(WellKnownKeys.JOB_LABEL, jm.name());
    labels.put(WellKnownKeys.INSTANCE_LABEL, Integer.toString(instance));
    if (daemonHost != null) {
      labels.put(WellKnownKeys.DAEMON_HOST_LABEL, daemonHost);
    }
    String restart = jm.annotations() == null ? null
        : jm.annotations().get(WellKnownKeys.RESTART_ANNOTATION);
    Map<String, String> annotations = restart == null ? null
        : Map.of(WellKnownKeys.RESTARTED_FOR_ANNOTATION, restart);
    ObjectMeta meta = new ObjectMeta(Task.nameOf(jm.name(), instance), jm.namespace(), null,
        null, null, null, null, labels, annotations,
        List.of(new OwnerReference(job.apiVersion(), "Job", jm.name(), jm.uid(), true, true)),
        List.of(WellKnownKeys.MESOS_TASK_FINALIZER));
    TaskConfig config = configFor(spec, instance);
    return new Task(ApiObject.API_VERSION, "Task", meta, new TaskSpec(jm.name(), instance, config,
        jm.generation(), goalFor(spec), 1, daemonHost, null, spec.respool(), priority(spec),
        preemptible(spec, config), revocable(spec, config)), null);
  }

  /** The Task's spec with the copied job fields (pool, priority, preemption) brought up to date. */
  public static TaskSpec withJobFields(TaskSpec s, JobSpec spec) {
    return new TaskSpec(s.job(), s.instance(), s.config(), s.configGeneration(), s.goalState(),
        s.runId(), s.host(), s.desiredHost(), spec.respool(), priority(spec),
        preemptible(spec, s.config()), revocable(spec, s.config()));
  }

  /**
   * The spec of the next run: runId + 1, binding cleared (or kept on a DAEMON host), the old host
   * remembered as desiredHost (unless the host is being left for good).
   */
  public static TaskSpec nextRun(TaskSpec s, TaskState goal, TaskConfig config, Long generation,
      String bindTo, String desiredHost) {
    int run = s.runId() == null ? 1 : s.runId() + 1;
    return new TaskSpec(s.job(), s.instance(), config, generation, goal, run, bindTo, desiredHost,
        s.respool(), s.priority(), s.preemptible(), s.revocable());
  }

  public static TaskSpec withGoal(TaskSpec s, TaskState goal) {
    return new TaskSpec(s.job(), s.instance(), s.config(), s.configGeneration(), goal, s.runId(),
        s.host(), s.desiredHost(), s.respool(), s.priority(), s.preemptible(), s.revocable());
  }

  static int priority(JobSpec spec) {
    Sla sla = spec.sla();
    return sla == null || sla.priority() == null ? 0 : sla.priority();
  }

  static boolean preemptible(JobSpec spec, TaskConfig config) {
    PreemptionPolicy p = config == null ? null : config.preemptionPolicy();
    if (p != null && p.type() != null) {
      return p.type() == PreemptionPolicy.PreemptionType.PREEMPTIBLE;
    }
    return spec.sla() != null && Boolean.TRUE.equals(spec.sla().preemptible());
  }

  static boolean revocable(JobSpec spec, TaskConfig config) {
    if (config != null && config.revocable() != null) {
      return config.revocable();
    }
    return spec.sla() != null && Boolean.TRUE.equals(spec.sla().revocable());
  }

  /** A copy of the Task with new spec and annotations (the rest of the metadata kept). */
  public static Task with(Task t, TaskSpec spec, Map<String, String> annotations) {
    ObjectMeta m = t.metadata();
    ObjectMeta meta = new ObjectMeta(m.name(), m.namespace(), m.uid(), m.resourceVersion(),
        m.generation(), m.creationTimestamp(), m.deletionTimestamp(), m.labels(),
        annotations == null || annotations.isEmpty() ? null : annotations, m.ownerReferences(),
        m.finalizers());
    return new Task(t.apiVersion(), t.kind(), meta, spec, t.status());
  }
}
