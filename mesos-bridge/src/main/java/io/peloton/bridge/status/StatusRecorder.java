package io.peloton.bridge.status;

import io.peloton.api.task.Task;
import io.peloton.bridge.launch.LaunchLedger;
import io.peloton.bridge.launch.MesosTaskIds;
import io.peloton.bridge.launch.TaskKiller;
import io.peloton.bridge.mesos.MesosSchedulerClient;
import io.peloton.client.DaemonThreads;
import io.peloton.client.ObjectKey;
import io.peloton.client.informer.ObjectCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles UPDATE events: writes each into its Task's status and only then acknowledges it;
 * ignores duplicates; kills runs the store does not know (orphans). Updates of one Mesos task
 * are stored in order, one write at a time; updates that queue up behind a write (Mesos sends a
 * task's next update only after the last one's acknowledgement, but reconciliation answers and
 * re-sent updates do queue) are stored as one write of their combined effect, then each is
 * acknowledged. Different tasks are written together in batches.
 */
public final class StatusRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusRecorder.class);
  /** Informer index: Tasks by {@code <job-uid>-<instance>}, the run-independent Mesos ID part. */
  public static final String RUN_PREFIX_INDEX = "mesosRunPrefix";

  private final MesosSchedulerClient client;
  private final Protos.FrameworkID frameworkId;
  private final TaskStatusWriter writer;
  private final ObjectCache<Task> cache;
  private final LaunchLedger ledger;
  private final TaskKiller killer;
  // per Mesos task ID, its updates not yet stored; one writer at a time
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ExecutorService next = Executors.newSingleThreadExecutor(
      DaemonThreads.named("bridge-status-next"));

  /** One task's queued updates; {@code busy} while a write of them is under way. */
  private static final class Pending {
    final List<Protos.TaskStatus> queued = new ArrayList<>();
    boolean busy;
    boolean retired;
  }
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong writtenReliable = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong orphans = new AtomicLong();
  private final AtomicLong acks = new AtomicLong();

  public StatusRecorder(MesosSchedulerClient client, Protos.FrameworkID frameworkId,
      TaskStatusWriter writer, ObjectCache<Task> cache, LaunchLedger ledger, TaskKiller killer) {
    this.client = client;
    this.frameworkId = frameworkId;
    this.writer = writer;
    this.cache = cache;
    this.ledger = ledger;
    this.killer = killer;
  }

  /** Queues one update (from the event thread); returns at once. */
  public void submit(Protos.TaskStatus update) {
    String id = update.getTaskId().getValue();
    while (true) {
      Pending p = pending.computeIfAbsent(id, k -> new Pending());
      boolean start;
      synchronized (p) {
        if (p.retired) {
          continue; // emptied and removed meanwhile: take the task's new queue
        }
        p.queued.add(update);
        start = !p.busy;
        p.busy = true;
      }
      if (start) {
        drain(id, p);
      }
      return;
    }
  }

  /** Stores what is queued as one write, acknowledges it, and goes on while more came. */
  private void drain(String id, Pending p) {
    List<Protos.TaskStatus> batch;
    synchronized (p) {
      batch = new ArrayList<>(p.queued);
      p.queued.clear();
    }
    handle(batch).whenComplete((v, t) -> {
      synchronized (p) {
        if (!p.queued.isEmpty()) {
          next.execute(() -> drain(id, p));
          return;
        }
        p.busy = false;
        p.retired = true;
        pending.remove(id, p);
      }
    });
  }

  private CompletableFuture<Void> handle(List<Protos.TaskStatus> updates) {
    Protos.TaskStatus last = updates.get(updates.size() - 1);
    String id = last.getTaskId().getValue();
    CompletableFuture<TaskStatusWriter.WriteOutcome> stored;
    try {
      stored = store(updates);
    } catch (RuntimeException e) {
      stored = CompletableFuture.failedFuture(e);
    }
    return stored.handle((outcome, error) -> {
      if (error != null) {
        // not acknowledged: Mesos re-sends them, and we try again then
        LOG.warn("could not store update {} of {}: {}", last.getState(), id,
            error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause().getMessage() : error.getMessage());
        return null;
      }
      switch (outcome) {
        case WRITTEN -> {
          written.incrementAndGet();
          updates.forEach(u -> {
            if (u.hasUuid()) {
              writtenReliable.incrementAndGet();
            }
          });
        }
        case DUPLICATE -> duplicates.incrementAndGet();
        case OLD_RUN, UNKNOWN_RUN, UNKNOWN_TASK -> {
          if (!MesosTaskStates.toPeloton(last.getState()).isTerminal()) {
            orphans.incrementAndGet();
            LOG.info("killing orphan Mesos task {} ({})", id, outcome);
            killer.kill(id, last.hasAgentId() ? last.getAgentId().getValue() : null, null);
          }
        }
      }
      if (MesosTaskStates.toPeloton(last.getState()).isTerminal()) {
        killer.forget(id);
      }
      updates.forEach(this::acknowledge);
      return null;
    });
  }

  private CompletableFuture<TaskStatusWriter.WriteOutcome> store(
      List<Protos.TaskStatus> updates) {
    Protos.TaskStatus update = updates.get(updates.size() - 1);
    String id = update.getTaskId().getValue();
    LaunchLedger.Run run = ledger.find(id);
    ObjectKey key;
    int runId;
    if (run != null) {
      key = run.task();
      runId = run.runId();
    } else {
      String prefix = MesosTaskIds.prefixOf(id);
      runId = MesosTaskIds.runOf(id);
      List<Task> owners = prefix == null ? List.of() : cache.byIndex(RUN_PREFIX_INDEX, prefix);
      if (owners.isEmpty() || runId < 0) {
        return CompletableFuture.completedFuture(TaskStatusWriter.WriteOutcome.UNKNOWN_TASK);
      }
      key = ObjectKey.of(owners.get(0));
    }
    return writer.recordUpdate(key, runId, updates).thenApply(outcome -> {
      if (MesosTaskStates.toPeloton(update.getState()).isTerminal()) {
        ledger.forget(id);
        writer.forgetIfCached(key);
      }
      return outcome;
    });
  }

  private void acknowledge(Protos.TaskStatus update) {
    if (!update.hasUuid() || !update.hasAgentId()) {
      return; // reconciliation answers carry no uuid and need no ack
    }
    client.call(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(frameworkId)
        .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(update.getAgentId())
            .setTaskId(update.getTaskId()).setUuid(update.getUuid())).build())
        .whenComplete((v, t) -> {
          if (t == null) {
            acks.incrementAndGet();
          } else {
            LOG.warn("ACKNOWLEDGE of {} failed: {}", update.getTaskId().getValue(),
                t.getMessage());
          }
        });
  }

  public long written() {
    return written.get();
  }

  /** Stored updates that carried a uuid, i.e. that must be acknowledged. */
  public long writtenReliable() {
    return writtenReliable.get();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public long orphans() {
    return orphans.get();
  }

  public long acks() {
    return acks.get();
  }

  @Override
  public void close() {
    next.shutdownNow();
    pending.clear();
  }
}
