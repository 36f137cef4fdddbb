package io.peloton.bridge.reconcile;

import io.peloton.api.task.Task;
import io.peloton.api.task.TaskStatus;
import io.peloton.bridge.launch.TaskLifecycle;
import io.peloton.bridge.mesos.MesosSchedulerClient;
import io.peloton.client.informer.ObjectCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task reconciliation: explicit (every active run, in batches, after each (re)subscribe) and
 * implicit (an empty RECONCILE, periodically). Mesos answers with UPDATEs, which the status
 * recorder stores like any other; runs Mesos no longer knows come back LOST/GONE/UNKNOWN and
 * so become LOST. Blocking: run it on a worker thread.
 */
public final class TaskReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(TaskReconciler.class);

  private final MesosSchedulerClient client;
  private final Protos.FrameworkID frameworkId;
  private final ObjectCache<Task> tasks;
  private final io.peloton.bridge.launch.LaunchLedger ledger;
  private final int batchSize;
  private final Duration batchInterval;
  private final AtomicLong explicitTasks = new AtomicLong();
  private final AtomicLong implicitRuns = new AtomicLong();

  public TaskReconciler(MesosSchedulerClient client, Protos.FrameworkID frameworkId,
      ObjectCache<Task> tasks, io.peloton.bridge.launch.LaunchLedger ledger, int batchSize,
      Duration batchInterval) {
    this.ledger = ledger;
    this.client = client;
    this.frameworkId = frameworkId;
    this.tasks = tasks;
    this.batchSize = batchSize;
    this.batchInterval = batchInterval;
  }

  /** Asks about every active run, {@code batchSize} tasks per RECONCILE. */
  public void explicit() throws InterruptedException {
    List<Call.Reconcile.Task> batch = new ArrayList<>();
    int total = 0;
    for (Task t : tasks.list()) {
      TaskStatus st = t.status();
      if (!TaskLifecycle.isActive(st) || ledger.find(st.mesosTaskId()) != null) {
        // runs this replica launched have their ACCEPT handled (and maybe still in flight:
        // asking now could get "unknown" back and wrongly mark a starting run LOST)
        continue;
      }
      Call.Reconcile.Task.Builder entry = Call.Reconcile.Task.newBuilder()
          .setTaskId(Protos.TaskID.newBuilder().setValue(st.mesosTaskId()));
      if (st.agentId() != null) {
        entry.setAgentId(Protos.AgentID.newBuilder().setValue(st.agentId()));
      }
      batch.add(entry.build());
      if (batch.size() >= batchSize) {
        send(batch);
        total += batch.size();
        batch = new ArrayList<>();
        TimeUnit.MILLISECONDS.sleep(batchInterval.toMillis());
      }
    }
    if (!batch.isEmpty()) {
      send(batch);
      total += batch.size();
    }
    explicitTasks.addAndGet(total);
    LOG.info("explicit reconciliation asked about {} runs", total);
  }

  /** An empty RECONCILE: Mesos reports every task it knows for us. */
  public void implicit() {
    implicitRuns.incrementAndGet();
    client.call(Call.newBuilder().setType(Call.Type.RECONCILE).setFrameworkId(frameworkId)
        .setReconcile(Call.Reconcile.newBuilder()).build())
        .whenComplete((v, t) -> {
          if (t != null) {
            LOG.warn("implicit RECONCILE failed: {}", t.getMessage());
          }
        });
  }

  private void send(List<Call.Reconcile.Task> batch) {
    try {
      client.call(Call.newBuilder().setType(Call.Type.RECONCILE).setFrameworkId(frameworkId)
          .setReconcile(Call.Reconcile.newBuilder().addAllTasks(batch)).build())
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("explicit RECONCILE of {} tasks failed: {}", batch.size(), e.toString());
    }
  }

  public long explicitTasks() {
    return explicitTasks.get();
  }

  public long implicitRuns() {
    return implicitRuns.get();
  }
}
