package io.peloton.scheduler.adapter;

import io.peloton.api.job.Job;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.task.Task;
import io.peloton.api.time.Rfc3339;
import io.peloton.scheduler.model.BoundTask;
import io.peloton.scheduler.model.ClusterSnapshot;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.PendingTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each cycle's {@link ClusterSnapshot} from cached API objects. Keeps one piece of state
 * between cycles: the order in which tasks became pending (their FIFO sequence within a priority),
 * so a task keeps its place in line however often it is re-read. Not thread-safe: one per loop.
 */
public final class SnapshotAssembler {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotAssembler.class);
  private static final Comparator<Task> ARRIVAL = Comparator
      .comparing((Task t) -> t.metadata().creationTimestamp() == null ? "" : t.metadata().creationTimestamp())
      .thenComparing(t -> t.metadata().namespace())
      .thenComparing(t -> t.spec().job() == null ? "" : t.spec().job())
      .thenComparingInt(t -> t.spec().instance() == null ? 0 : t.spec().instance());

  private final Map<String, Long> sequence = new HashMap<>();
  private long nextSequence;
  /**
   * Last cycle's translations by task id. Informer caches replace an object only when it changes, so
   * the same Task and Job instances mean the same model task: re-translating 100k unchanged tasks every
   * cycle would dominate the cycle.
   */
  private Map<String, Translation> translations = new HashMap<>();

  /** A model task (or the reason there is none) and the object instances it was made from. */
  private record Translation(Task task, Job job, long sequence, Object model, String error) {}

  /**
   * @param jobs looks up a Job by namespace and name; may return null (the task is still scheduled,
   *     without gang or strategy)
   */
  public AssembledCluster assemble(Collection<io.peloton.api.host.Host> hostObjects, Collection<ResourcePool> poolObjects,
      Collection<Task> taskObjects, BiFunction<String, String, Job> jobs) {
    Map<String, String> rejectedHosts = new LinkedHashMap<>();
    List<Host> hosts = new ArrayList<>(hostObjects.size());
    for (io.peloton.api.host.Host h : hostObjects) {
      try {
        hosts.add(HostTranslator.translate(h));
      } catch (IllegalArgumentException e) {
        rejectedHosts.put(h.metadata() == null ? "?" : h.metadata().name(), e.getMessage());
      }
    }
    hosts.sort(Comparator.comparing(Host::name));
    PoolForest pools = PoolForest.of(poolObjects);

    List<Task> newlyPending = new ArrayList<>();
    List<Task> pendingTasks = new ArrayList<>();
    Map<String, Task> holding = new LinkedHashMap<>();
    List<BoundTask> bound = new ArrayList<>();
    Map<String, String> invalid = new LinkedHashMap<>();
    Map<String, Task> invalidTasks = new LinkedHashMap<>();
    Set<String> stillPending = new HashSet<>();
    Map<String, Translation> previous = translations;
    Map<String, Translation> current = new HashMap<>(previous.size() * 2 + 16);
    for (Task t : taskObjects) {
      if (t.metadata() == null || t.metadata().name() == null) {
        continue;
      }
      RunPhase phase = RunPhase.of(t);
      String id = TaskTranslator.idOf(t);
      if (phase == RunPhase.PENDING) {
        stillPending.add(id);
        pendingTasks.add(t);
        if (!sequence.containsKey(id)) {
          newlyPending.add(t);
        }
      } else if (phase.holdsResources()) {
        Job job = job(jobs, t);
        Translation tr = previous.get(id);
        if (tr == null || tr.task != t || tr.job != job || !(tr.model instanceof BoundTask || tr.error != null)) {
          try {
            tr = new Translation(t, job, -1,
                TaskTranslator.bound(t, job, phase == RunPhase.RUNNING, startedAt(t)), null);
          } catch (IllegalArgumentException e) {
            // it holds resources we cannot count; placement may overcommit that host until it ends
            LOG.warn("task {} is bound but unreadable ({}); its resources are not counted", id, e.getMessage());
            tr = new Translation(t, job, -1, null, e.getMessage());
          }
        }
        current.put(id, tr);
        if (tr.model != null) {
          bound.add((BoundTask) tr.model);
          holding.put(id, t);
        }
      }
    }
    sequence.keySet().retainAll(stillPending);
    newlyPending.sort(ARRIVAL);
    for (Task t : newlyPending) {
      sequence.put(TaskTranslator.idOf(t), nextSequence++);
    }
    List<PendingTask> pending = new ArrayList<>(pendingTasks.size());
    Map<String, Task> pendingById = new LinkedHashMap<>();
    for (Task t : pendingTasks) {
      String id = TaskTranslator.idOf(t);
      Job job = job(jobs, t);
      long seq = sequence.get(id);
      Translation tr = previous.get(id);
      if (tr == null || tr.task != t || tr.job != job || tr.sequence != seq) {
        try {
          tr = new Translation(t, job, seq, TaskTranslator.pending(t, job, seq), null);
        } catch (IllegalArgumentException e) {
          tr = new Translation(t, job, seq, null, e.getMessage());
        }
      }
      current.put(id, tr);
      if (tr.model != null) {
        pending.add((PendingTask) tr.model);
        pendingById.put(id, t);
      } else {
        invalid.put(id, tr.error);
        invalidTasks.put(id, t);
      }
    }
    translations = current;
    ClusterSnapshot snapshot = new ClusterSnapshot(hosts, List.copyOf(pools.specs().values()), pending, bound);
    return new AssembledCluster(snapshot, pendingById, holding, invalid, invalidTasks, pools, rejectedHosts);
  }

  private static Job job(BiFunction<String, String, Job> jobs, Task t) {
    return t.spec().job() == null ? null : jobs.apply(t.metadata().namespace(), t.spec().job());
  }

  /** Start time for "newest first" preemption: when the run started, else when the Task was created. */
  private static long startedAt(Task t) {
    String ts = t.status() != null && t.status().startTime() != null ? t.status().startTime()
        : t.metadata().creationTimestamp();
    if (ts == null || Rfc3339.problem(ts) != null) {
      return 0;
    }
    Instant i = Rfc3339.parse(ts);
    return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
  }
}
