package io.peloton.bridge.status;

import io.peloton.api.task.Task;
import io.peloton.bridge.launch.LaunchLedger;
import io.peloton.bridge.launch.MesosTaskIds;
import io.peloton.bridge.launch.TaskKiller;
import io.peloton.bridge.mesos.MesosSchedulerClient;
import io.peloton.client.ObjectKey;
import io.peloton.client.informer.ObjectCache;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles UPDATE events: writes each into its Task's status and only then acknowledges it;
 * ignores duplicates; kills runs the store does not know (orphans). Updates of one Mesos task
 * are chained so they are stored in order; different tasks are written together in batches.
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
  // per Mesos task ID, the last update's handling: the next one starts when it ends
  private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();
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
    CompletableFuture<Void> next = chains.compute(id, (k, prev) ->
        (prev == null ? CompletableFuture.<Void>completedFuture(null) : prev)
            .thenCompose(v -> handle(update)));
    next.whenComplete((v, t) -> chains.remove(id, next));
  }

  private CompletableFuture<Void> handle(Protos.TaskStatus update) {
    String id = update.getTaskId().getValue();
    CompletableFuture<TaskStatusWriter.WriteOutcome> stored;
    try {
      stored = store(update);
    } catch (RuntimeException e) {
      stored = CompletableFuture.failedFuture(e);
    }
    return stored.handle((outcome, error) -> {
      if (error != null) {
        // not acknowledged: Mesos re-sends it, and we try again then
        LOG.warn("could not store update {} of {}: {}", update.getState(), id,
            error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause().getMessage() : error.getMessage());
        return null;
      }
      switch (outcome) {
        case WRITTEN -> {
          written.incrementAndGet();
          if (update.hasUuid()) {
            writtenReliable.incrementAndGet();
          }
        }
        case DUPLICATE -> duplicates.incrementAndGet();
        case OLD_RUN, UNKNOWN_RUN, UNKNOWN_TASK -> {
          if (!MesosTaskStates.toPeloton(update.getState()).isTerminal()) {
            orphans.incrementAndGet();
            LOG.info("killing orphan Mesos task {} ({})", id, outcome);
            killer.kill(id, update.hasAgentId() ? update.getAgentId().getValue() : null, null);
          }
        }
      }
      if (MesosTaskStates.toPeloton(update.getState()).isTerminal()) {
        killer.forget(id);
      }
      acknowledge(update);
      return null;
    });
  }

  private CompletableFuture<TaskStatusWriter.WriteOutcome> store(Protos.TaskStatus update) {
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
    return writer.recordUpdate(key, runId, update).thenApply(outcome -> {
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

  /** Updates received but not yet stored and acknowledged (or given up on). */
  public int inProgress() {
    return chains.size();
  }

  @Override
  public void close() {
    chains.clear();
  }
}
