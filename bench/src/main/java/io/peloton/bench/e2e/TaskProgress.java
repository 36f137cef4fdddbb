package io.peloton.bench.e2e;

import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TaskStatus;
import io.peloton.bench.support.Percentiles;
import io.peloton.client.informer.EventHandler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each instance of one Job was first seen in each stage of its first run, fed by an
 * informer's events. A later stage implies the earlier ones (an informer may skip states), so
 * the stage times of one task never decrease. Arrays are sized up front: the recorder's own
 * memory is part of the heap baseline, not of the per-task figure.
 */
final class TaskProgress implements EventHandler<Task> {
  /** The stages of a run, in order. */
  enum Stage {
    /** The Task object exists. */
    CREATED,
    /** {@code spec.host} is set (the scheduler bound it). */
    BOUND,
    /** The bridge launched it: {@code status.state} LAUNCHED or later. */
    LAUNCHED,
    /** Mesos reported it RUNNING (or already finished). */
    RUNNING,
    /** It ended SUCCEEDED. */
    SUCCEEDED
  }

  private static final Stage[] STAGES = Stage.values();
  private static final long UNSEEN = Long.MIN_VALUE;

  private final String jobLabel;
  private final int tasks;
  /** Per stage, per instance: System.nanoTime() of the first sighting, or UNSEEN. */
  private final AtomicLongArray[] seen = new AtomicLongArray[STAGES.length];
  private final AtomicIntegerArray reached = new AtomicIntegerArray(STAGES.length);
  /** Per stage: System.nanoTime() of the last instance's first sighting. */
  private final AtomicLongArray lastAt = new AtomicLongArray(STAGES.length);
  /** Instances whose run ended other than SUCCEEDED. */
  private final AtomicIntegerArray failed;
  private final AtomicInteger failedCount = new AtomicInteger();

  TaskProgress(String jobName, int tasks) {
    this.jobLabel = jobName;
    this.tasks = tasks;
    for (int s = 0; s < STAGES.length; s++) {
      seen[s] = new AtomicLongArray(tasks);
      for (int i = 0; i < tasks; i++) {
        seen[s].set(i, UNSEEN);
      }
    }
    this.failed = new AtomicIntegerArray(tasks);
  }

  @Override
  public void onAdd(Task t) {
    observe(t);
  }

  @Override
  public void onUpdate(Task before, Task after) {
    observe(after);
  }

  private void observe(Task t) {
    long now = System.nanoTime();
    Map<String, String> labels = t.metadata().labels();
    if (labels == null || !jobLabel.equals(labels.get("peloton.io/job")) || t.spec() == null
        || t.spec().instance() == null) {
      return;
    }
    int instance = t.spec().instance();
    if (instance < 0 || instance >= tasks) {
      return;
    }
    Stage stage = stageOf(t);
    for (int s = 0; s <= stage.ordinal(); s++) {
      if (seen[s].compareAndSet(instance, UNSEEN, now)) {
        reached.incrementAndGet(s);
        lastAt.accumulateAndGet(s, now, Math::max);
      }
    }
    TaskStatus st = t.status();
    if (st != null && st.state() != null && st.state().isTerminal()
        && st.state() != TaskState.SUCCEEDED && failed.compareAndSet(instance, 0, 1)) {
      failedCount.incrementAndGet();
    }
  }

  private static Stage stageOf(Task t) {
    TaskStatus st = t.status();
    TaskState state = st == null ? null : st.state();
    if (state == TaskState.SUCCEEDED) {
      return Stage.SUCCEEDED;
    }
    if (state == TaskState.RUNNING) {
      return Stage.RUNNING;
    }
    if (state != null && state.ordinal() >= TaskState.LAUNCHED.ordinal()
        && state.ordinal() <= TaskState.STARTING.ordinal()) {
      return Stage.LAUNCHED;
    }
    return t.spec().host() != null ? Stage.BOUND : Stage.CREATED;
  }

  /** How many instances have reached {@code stage}. */
  int reached(Stage stage) {
    return reached.get(stage.ordinal());
  }

  /** Instances whose run ended FAILED, LOST or KILLED. */
  int failed() {
    return failedCount.get();
  }

  /** True once every instance has reached {@code stage}. */
  boolean all(Stage stage) {
    return reached(stage) >= tasks;
  }

  /** Seconds from {@code t0} until the last instance reached {@code stage}; NaN if not all did. */
  double allSeconds(Stage stage, long t0) {
    return all(stage) ? (lastAt.get(stage.ordinal()) - t0) / 1e9 : Double.NaN;
  }

  /** Milliseconds from {@code t0} to each instance's first sighting in {@code stage}. */
  Percentiles sinceT0(Stage stage, long t0) {
    Percentiles p = new Percentiles();
    AtomicLongArray at = seen[stage.ordinal()];
    for (int i = 0; i < tasks; i++) {
      long v = at.get(i);
      if (v != UNSEEN) {
        p.add((v - t0) / 1e6);
      }
    }
    return p;
  }

  /** Milliseconds from each instance's stage {@code from} to its stage {@code to}. */
  Percentiles between(Stage from, Stage to) {
    Percentiles p = new Percentiles();
    AtomicLongArray a = seen[from.ordinal()];
    AtomicLongArray b = seen[to.ordinal()];
    for (int i = 0; i < tasks; i++) {
      if (a.get(i) != UNSEEN && b.get(i) != UNSEEN) {
        p.add((b.get(i) - a.get(i)) / 1e6);
      }
    }
    return p;
  }
}
