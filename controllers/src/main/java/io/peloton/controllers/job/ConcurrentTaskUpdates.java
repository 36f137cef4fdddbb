package io.peloton.controllers.job;

import io.peloton.api.task.Task;
import io.peloton.client.ApiError;
import io.peloton.client.TypedClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes many Task updates with a bounded number in flight, so the API server commits them in
 * groups: one after another, a stop of a 100,000-task job was 100,000 round trips and commits
 * in a row (minutes). Threads are daemons and time out when idle.
 */
final class ConcurrentTaskUpdates {
  /** Enough to fill the store's group commits; few enough not to crowd the API server. */
  static final int IN_FLIGHT = 16;

  private final TypedClient<Task> tasks;
  private final ThreadPoolExecutor pool;

  ConcurrentTaskUpdates(TypedClient<Task> tasks) {
    this.tasks = tasks;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(IN_FLIGHT, IN_FLIGHT, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "task-updates-" + n.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * What became of a batch: how many were written and how many must be looked at again, and
   * the newest resourceVersion written (null if none).
   */
  record Outcome(int written, int conflicts, String newest) {}

  /**
   * Updates every Task (each resourceVersion-checked); a Conflict or NotFound counts as one to
   * look at again, any other error is thrown once the rest are done.
   */
  Outcome updateAll(List<Task> updates) throws InterruptedException {
    List<Future<Task>> futures = new ArrayList<>(updates.size());
    for (Task t : updates) {
      futures.add(pool.submit(() -> tasks.update(t)));
    }
    int written = 0;
    int conflicts = 0;
    long newest = -1;
    RuntimeException failure = null;
    for (Future<Task> f : futures) {
      try {
        newest = Math.max(newest, Long.parseLong(f.get().metadata().resourceVersion()));
        written++;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ApiError api && (api.isConflict() || api.isNotFound())) {
          conflicts++;
        } else if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r
              : new IllegalStateException(e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return new Outcome(written, conflicts, newest < 0 ? null : Long.toString(newest));
  }
}
