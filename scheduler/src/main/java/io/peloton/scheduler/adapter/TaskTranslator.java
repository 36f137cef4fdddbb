package io.peloton.scheduler.adapter;

import io.peloton.api.job.Job;
import io.peloton.api.job.JobSpec;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskLabels;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.api.taskconfig.TaskResources;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.Label;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PlacementStrategy;
import io.peloton.scheduler.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Converts a Task (and, when cached, its Job) into a pending or bound model task. Everything comes
 * from the Task itself ({@code spec.config}, respool, priority, preemptible, revocable); the Job only
 * adds the gang (instances below {@code sla.minimumRunningInstances}) and the placement strategy.
 */
public final class TaskTranslator {
  private TaskTranslator() {}

  /** The model id of a Task: {@code namespace/name}. */
  public static String idOf(Task t) {
    return t.metadata().namespace() + "/" + t.metadata().name();
  }

  public static PendingTask pending(Task t, Job job, long sequence) {
    Parts p = parts(t, job);
    String gang = null;
    Integer min = job == null || job.spec() == null || job.spec().sla() == null ? null
        : job.spec().sla().minimumRunningInstances();
    Integer instance = t.spec().instance();
    if (min != null && min > 1 && instance != null && instance < min) {
      gang = p.job + "#gang";
    }
    PlacementStrategy strategy = job != null && job.spec() != null
        && job.spec().placementStrategy() == JobSpec.PlacementStrategy.SPREAD_JOB
        ? PlacementStrategy.SPREAD : PlacementStrategy.PACK;
    TaskSpec spec = t.spec();
    String desired = spec.desiredHost() == null || spec.desiredHost().isEmpty() ? null : spec.desiredHost();
    return new PendingTask(idOf(t), p.job, p.pool, p.resources, p.ports, p.priority, gang, sequence, p.preemptible,
        p.revocable, p.controller, pinned(t, p.constraint), p.labels, desired, strategy);
  }

  /**
   * A DAEMON instance's host is a requirement, not a preference: its constraint gains
   * {@code hostname=<its host>}, so a Task whose binding was cleared (the host could not hold it
   * for a while, e.g. after a restart) waits for its own host instead of running on another.
   */
  private static Constraint pinned(Task t, Constraint constraint) {
    Map<String, String> labels = t.metadata().labels();
    String host = labels == null ? null : labels.get(TaskLabels.DAEMON_HOST);
    if (host == null || host.isEmpty()) {
      return constraint;
    }
    Constraint own = Constraint.hostLabel(Host.HOSTNAME_LABEL, host);
    return constraint == null ? own : new Constraint.And(List.of(own, constraint));
  }

  public static BoundTask bound(Task t, Job job, boolean running, long startedSequence) {
    Parts p = parts(t, job);
    return new BoundTask(idOf(t), p.job, p.pool, t.spec().host(), p.resources, p.ports, p.priority, p.preemptible,
        p.revocable, p.controller, p.labels, running, startedSequence);
  }

  private record Parts(String job, String pool, Resources resources, int ports, int priority, boolean preemptible,
      boolean revocable, boolean controller, Constraint constraint, List<Label> labels) {}

  private static Parts parts(Task t, Job job) {
    TaskSpec spec = t.spec();
    if (spec == null) {
      throw new InvalidObjectException("spec", "required");
    }
    if (spec.job() == null || spec.job().isEmpty()) {
      throw new InvalidObjectException("spec.job", "required");
    }
    TaskConfig config = spec.config();
    if (config == null) {
      throw new InvalidObjectException("spec.config", "required");
    }
    String pool = spec.respool();
    if ((pool == null || pool.isEmpty()) && job != null && job.spec() != null) {
      pool = job.spec().respool();
    }
    if (pool == null || pool.isEmpty()) {
      throw new InvalidObjectException("spec.respool", "required: the leaf pool the task runs in");
    }
    TaskResources r = config.resource();
    if (r == null) {
      throw new InvalidObjectException("spec.config.resource", "required");
    }
    Resources resources = Resources.of(amount(r.cpuLimit(), "spec.config.resource.cpuLimit"),
        amount(r.memLimitMb(), "spec.config.resource.memLimitMb"),
        amount(r.diskLimitMb(), "spec.config.resource.diskLimitMb"),
        amount(r.gpuLimit(), "spec.config.resource.gpuLimit"));
    if (resources.isZero()) {
      throw new InvalidObjectException("spec.config.resource", "asks for no cpu, memory, disk or gpu at all");
    }
    int priority = spec.priority() == null ? 0 : spec.priority();
    if (priority < 0) {
      throw new InvalidObjectException("spec.priority", "must be >= 0, was " + priority);
    }
    boolean preemptible = spec.preemptible() == null || spec.preemptible();
    boolean revocable = spec.revocable() != null ? spec.revocable() : Boolean.TRUE.equals(config.revocable());
    Constraint constraint = ConstraintTranslator.translate(config.constraint(), "spec.config.constraint");
    List<Label> labels = new ArrayList<>();
    Map<String, String> taskLabels = config.labels() == null ? Map.of() : config.labels();
    for (Map.Entry<String, String> e : taskLabels.entrySet()) {
      if (e.getKey() != null && !e.getKey().isEmpty()) {
        labels.add(new Label(e.getKey(), e.getValue()));
      }
    }
    return new Parts(t.metadata().namespace() + "/" + spec.job(), pool, resources, config.ports() == null ? 0 : config.ports().size(), priority,
        preemptible, revocable, config.isController(), constraint, labels);
  }

  private static double amount(Double v, String field) {
    if (v == null) {
      return 0;
    }
    if (v.isNaN() || v.isInfinite() || v < 0) {
      throw new InvalidObjectException(field, "must be a finite number >= 0, was " + v);
    }
    return v;
  }
}
