package io.peloton.mesos.sim.agent;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Models tasks without running anything: STARTING and RUNNING at once, the outcome after the
 * modelled duration. Durations are kept in one queue checked by a single periodic tick rather than
 * a timer per task, which keeps 100,000 long-running simulated tasks cheap.
 */
public final class SimulatedExecutor implements TaskExecutor {
  private static final long TICK_MILLIS = 20;
  private final PriorityQueue<SimulatedTask> due = new PriorityQueue<>(
      (a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));
  private final long tick;
  private final Vertx vertx;

  public SimulatedExecutor(Vertx vertx) {
    this.vertx = vertx;
    this.tick = vertx.setPeriodic(TICK_MILLIS, id -> finishDue());
  }

  @Override
  public RunningTask launch(TaskLaunch launch, StatusListener listener) {
    SimulatedOutcome outcome = SimulatedOutcome.of(launch.task(), launch.command());
    SimulatedTask task = new SimulatedTask(listener, outcome.exitCode());
    listener.onStatus(TaskState.TASK_STARTING, null, null);
    listener.onStatus(TaskState.TASK_RUNNING, null, null);
    if (outcome.durationMillis() == 0) {
      task.finish();
    } else if (outcome.durationMillis() > 0) {
      task.deadlineNanos = System.nanoTime() + outcome.durationMillis() * 1_000_000L;
      synchronized (due) {
        due.add(task);
      }
    }
    return task;
  }

  private void finishDue() {
    long now = System.nanoTime();
    List<SimulatedTask> ready = new ArrayList<>();
    synchronized (due) {
      while (!due.isEmpty() && due.peek().deadlineNanos <= now) {
        ready.add(due.poll());
      }
    }
    // outside our lock: the listener takes the master lock
    for (SimulatedTask t : ready) {
      t.finish();
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(tick);
    synchronized (due) {
      due.clear();
    }
  }

  private static final class SimulatedTask implements RunningTask {
    private final StatusListener listener;
    private final int exitCode;
    private final AtomicBoolean done = new AtomicBoolean();
    private long deadlineNanos;

    SimulatedTask(StatusListener listener, int exitCode) {
      this.listener = listener;
      this.exitCode = exitCode;
    }

    void finish() {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      if (exitCode == 0) {
        listener.onStatus(TaskState.TASK_FINISHED, null, "Command exited with status 0");
      } else {
        listener.onStatus(TaskState.TASK_FAILED, TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED,
            "Command exited with status " + exitCode);
      }
    }

    @Override
    public void kill(long gracePeriodNanos) {
      // a killed task stays in the queue and is skipped when its deadline comes
      if (done.compareAndSet(false, true)) {
        listener.onStatus(TaskState.TASK_KILLED, null, "Command terminated with signal 15");
      }
    }

    @Override
    public void abandon() {
      done.set(true);
    }
  }
}
