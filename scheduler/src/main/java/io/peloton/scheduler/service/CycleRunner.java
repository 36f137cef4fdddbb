package io.peloton.scheduler.service;

import io.peloton.api.host.Host;
import io.peloton.api.job.Job;
import io.peloton.api.meta.Condition;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.event.Event;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskConditions;
import io.peloton.scheduler.SchedulerConfig;
import io.peloton.scheduler.SchedulingCycle;
import io.peloton.scheduler.SchedulingDecisions;
import io.peloton.scheduler.adapter.AssembledCluster;
import io.peloton.scheduler.adapter.SnapshotAssembler;
import io.peloton.scheduler.explain.PendingExplanation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leadership term's scheduling: assembles the snapshot from the caches, runs the cycle, and writes
 * its decisions (bindings, Scheduled conditions, preemptions, pool status, Events). Holds the state a
 * term carries between cycles (FIFO order, preemption hysteresis); a new term starts fresh.
 */
final class CycleRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CycleRunner.class);

  private final SnapshotAssembler assembler = new SnapshotAssembler();
  private final SchedulingCycle cycle;
  private final TaskBinder binder;
  private final TaskConditionWriter conditions;
  private final PreemptionWriter preemptions;
  private final PoolStatusWriter pools;
  private final EventRecorder events;
  private final BooleanSupplier leading;

  CycleRunner(SchedulerConfig core, TaskBinder binder, TaskConditionWriter conditions, PreemptionWriter preemptions,
      PoolStatusWriter pools, EventRecorder events, BooleanSupplier leading) {
    this.cycle = new SchedulingCycle(core);
    this.binder = binder;
    this.conditions = conditions;
    this.preemptions = preemptions;
    this.pools = pools;
    this.events = events;
    this.leading = leading;
  }

  /** What a cycle did and the highest Task resourceVersion it wrote (to wait for before the next one). */
  record Outcome(CycleReport report, long highestTaskVersion) {}

  Outcome run(Collection<Host> hosts, Collection<ResourcePool> poolObjects, Collection<Task> tasks,
      BiFunction<String, String, Job> jobs) {
    AssembledCluster cluster = assembler.assemble(hosts, poolObjects, tasks, jobs);
    if (!cluster.rejectedHosts().isEmpty() && LOG.isDebugEnabled()) {
      LOG.debug("hosts left out: {}", cluster.rejectedHosts());
    }
    SchedulingDecisions d = cycle.run(cluster.snapshot());
    if (!leading.getAsBoolean()) {
      return new Outcome(new CycleReport(cluster.pending().size(), 0, 0, 0, 0, 0, 0, 0, 0), 0);
    }
    long highest = 0;
    int bound = 0;
    int conflicts = 0;
    int failed = 0;
    List<ConditionUpdate> updates = new ArrayList<>();
    for (BindOutcome o : binder.bind(d.bindings(), cluster.pending())) {
      switch (o.result()) {
        case BOUND -> {
          bound++;
          highest = Math.max(highest, parse(o.resourceVersion()));
          // the binding set Scheduled=True itself (a bind by plain patch gets it as "holding" next cycle)
          events.record(cluster.pending().get(o.taskId()), TaskConditions.SCHEDULED,
              TaskConditions.boundMessage(o.host()), Event.EventType.Normal);
        }
        case CONFLICT -> conflicts++;
        case FAILED -> {
          failed++;
          LOG.warn("binding {} to {} failed: {}", o.taskId(), o.host(), o.message());
        }
      }
    }
    for (Map.Entry<String, Task> e : cluster.holding().entrySet()) {
      Task t = e.getValue();
      Condition c = TaskConditionWriter.current(t);
      if (c == null || !Condition.TRUE.equals(c.status())) {
        updates.add(new ConditionUpdate(e.getKey(), t, t.metadata().resourceVersion(), true, TaskConditions.SCHEDULED,
            TaskConditions.boundMessage(t.spec().host())));
      }
    }
    for (PendingExplanation why : d.pending().values()) {
      Task t = cluster.pending().get(why.taskId());
      if (t != null) {
        updates.add(new ConditionUpdate(why.taskId(), t, t.metadata().resourceVersion(), false, reasonOf(why.stage()),
            why.reason()));
      }
    }
    cluster.invalid().forEach((id, message) -> {
      Task t = cluster.invalidTasks().get(id);
      if (t != null) {
        updates.add(new ConditionUpdate(id, t, t.metadata().resourceVersion(), false, "InvalidTask",
            "cannot schedule: " + message));
      }
    });
    highest = Math.max(highest, conditions.write(updates));
    highest = Math.max(highest, preemptions.write(d.preemptions(), cluster.holding()));
    int poolWrites = pools.write(d.pools(), cluster.pools().objects());
    int eventWrites = events.flush();
    CycleReport report = new CycleReport(cluster.pending().size() + cluster.invalidTasks().size(), bound, conflicts,
        failed, d.preemptions().size(), d.pending().size() + cluster.invalidTasks().size(), cluster.invalid().size(),
        poolWrites, eventWrites);
    return new Outcome(report, highest);
  }

  /** The condition reason for the stage that held a task back. */
  static String reasonOf(PendingExplanation.Stage stage) {
    return switch (stage) {
      case INVALID -> "InvalidTask";
      case NEVER_FITS -> TaskConditions.NEVER_FITS;
      case ADMISSION -> "NotAdmitted";
      case PLACEMENT -> "Unschedulable";
    };
  }

  private static long parse(String rv) {
    try {
      return rv == null ? 0 : Long.parseLong(rv);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
