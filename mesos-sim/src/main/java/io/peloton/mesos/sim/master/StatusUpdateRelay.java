package io.peloton.mesos.sim.master;

import com.google.protobuf.ByteString;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The agents' reliable status-update channel: per task, updates go out in order with one
 * outstanding at a time, are re-sent with exponential backoff (from the configured retry up to
 * 10 min) until acknowledged, and can be dropped or delayed by fault injection. Guarded by the
 * master's lock, which it shares.
 */
final class StatusUpdateRelay {
  private static final long MAX_BACKOFF_MILLIS = 600_000;
  private final Object masterLock;
  private final Vertx vertx;
  private final long retryMillis;
  private final Map<String, FrameworkRecord> frameworks;
  private final Set<TaskRecord> withPending = new LinkedHashSet<>();
  private long dropNext;
  private long delayMillis;

  StatusUpdateRelay(Object masterLock, Vertx vertx, long retryMillis, Map<String, FrameworkRecord> frameworks) {
    this.masterLock = masterLock;
    this.vertx = vertx;
    this.retryMillis = retryMillis;
    this.frameworks = frameworks;
  }

  /** Queues an update from the task's executor; sends it at once if nothing is outstanding. */
  void enqueue(TaskRecord t, TaskStatus status) {
    t.pending.add(status);
    if (t.pending.size() == 1) {
      withPending.add(t);
      resendNow(t);
    }
  }

  /** Sends the outstanding update again right away (re-subscription, healed partition). */
  void resendNow(TaskRecord t) {
    if (!t.pending.isEmpty()) {
      t.backoffMillis = 0;
      deliverHead(t);
    }
  }

  /**
   * Handles an acknowledgement; returns true when it acknowledged the terminal update (the task
   * can then be completed). Stale or duplicate uuids are ignored.
   */
  boolean acknowledge(TaskRecord t, ByteString uuid) {
    TaskStatus head = t.pending.peek();
    if (head == null || !head.getUuid().equals(uuid)) {
      return false;
    }
    t.pending.poll();
    t.backoffMillis = 0;
    if (TaskRecord.isTerminal(head.getState())) {
      forget(t);
      return true;
    }
    if (t.pending.isEmpty()) {
      withPending.remove(t);
    } else {
      deliverHead(t);
    }
    return false;
  }

  /** The task is gone: stop retrying its updates. */
  void forget(TaskRecord t) {
    withPending.remove(t);
  }

  /** Periodic: re-sends every outstanding update whose retry time has come. */
  void retryDue() {
    synchronized (masterLock) {
      long now = System.nanoTime();
      List<TaskRecord> due = new ArrayList<>();
      for (TaskRecord t : withPending) {
        if (now >= t.nextRetryNanos) {
          due.add(t);
        }
      }
      for (TaskRecord t : due) {
        deliverHead(t);
      }
    }
  }

  void dropNext(long n) {
    dropNext = n;
  }

  void delay(long millis) {
    delayMillis = Math.max(0, millis);
  }

  private void deliverHead(TaskRecord t) {
    TaskStatus head = t.pending.peek();
    if (head == null) {
      return;
    }
    t.backoffMillis = t.backoffMillis == 0 ? retryMillis : Math.min(t.backoffMillis * 2, MAX_BACKOFF_MILLIS);
    t.nextRetryNanos = System.nanoTime() + t.backoffMillis * 1_000_000L;
    if (!t.agent.isActive() || t.unreachable) {
      return; // a partitioned agent cannot reach the master; it retries later
    }
    FrameworkRecord fw = frameworks.get(t.frameworkId);
    if (fw == null || fw.sink == null) {
      return;
    }
    if (dropNext > 0) {
      dropNext--;
      return;
    }
    if (delayMillis > 0) {
      vertx.setTimer(delayMillis, id -> delayedDelivery(t, head));
      return;
    }
    send(fw, t, head);
  }

  private void delayedDelivery(TaskRecord t, TaskStatus head) {
    synchronized (masterLock) {
      FrameworkRecord fw = frameworks.get(t.frameworkId);
      if (t.pending.peek() == head && fw != null && fw.sink != null && !t.abandoned) {
        send(fw, t, head);
      }
    }
  }

  private static void send(FrameworkRecord fw, TaskRecord t, TaskStatus status) {
    t.statusUpdateState = status.getState(); // what reconciliation reports
    t.lastSent = status;
    fw.sink.send(Event.newBuilder().setType(Event.Type.UPDATE)
        .setUpdate(Event.Update.newBuilder().setStatus(status)).build());
  }
}
