package io.peloton.apiserver.storage.sqlite;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs tasks one at a time, in submission order, on a shared pool (one per watch). */
final class SerialExecutor implements Executor {
  /** Tasks run per turn before yielding the pool thread, so one busy watch cannot starve others. */
  private static final int TASKS_PER_TURN = 64;

  private final Executor pool;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  SerialExecutor(Executor pool) {
    this.pool = pool;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      pool.execute(this::runTurn);
    }
  }

  private void runTurn() {
    try {
      for (int i = 0; i < TASKS_PER_TURN; i++) {
        Runnable task = tasks.poll();
        if (task == null) {
          break;
        }
        task.run();
      }
    } finally {
      scheduled.set(false);
      if (!tasks.isEmpty()) {
        schedule();
      }
    }
  }
}
