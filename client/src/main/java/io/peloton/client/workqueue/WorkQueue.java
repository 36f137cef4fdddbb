package io.peloton.client.workqueue;

import io.peloton.client.DaemonThreads;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A queue of keys to reconcile, with client-go's guarantees: a key waiting in the queue is not
 * queued twice; a key is handed to one worker at a time (until {@link #done}); a key added while
 * a worker has it is handed out once more after {@code done}. Adds may be delayed
 * ({@link #addAfter}) or rate-limited per key ({@link #addRateLimited}, reset by
 * {@link #forget}). Thread-safe.
 */
public final class WorkQueue<K> implements AutoCloseable {
  private final ArrayDeque<K> queue = new ArrayDeque<>();
  /** Keys that need processing: queued, or to be re-queued when their worker is done. */
  private final Set<K> dirty = new HashSet<>();
  /** Keys a worker holds right now. */
  private final Set<K> processing = new HashSet<>();
  /** Delayed adds, earliest deadline per key. */
  private final Map<K, Delayed> waiting = new HashMap<>();
  private final RateLimiter<K> limiter;
  private final ScheduledThreadPoolExecutor timer;
  private boolean shuttingDown;

  private record Delayed(long deadlineNanos, ScheduledFuture<?> future) {}

  /** A queue with {@link RateLimiter#controllerDefault()}. */
  public WorkQueue() {
    this(RateLimiter.controllerDefault());
  }

  public WorkQueue(RateLimiter<K> limiter) {
    this.limiter = limiter;
    this.timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("workqueue-delay"));
    this.timer.setRemoveOnCancelPolicy(true);
  }

  /** Marks the key as needing processing (no-op if already waiting, or after shutdown). */
  public synchronized void add(K key) {
    if (shuttingDown || !dirty.add(key)) {
      return;
    }
    if (!processing.contains(key)) {
      queue.addLast(key);
      notify();
    }
  }

  /**
   * Blocks until a key is available and hands it to the caller, who must call {@link #done}
   * with it. Empty once the queue is shut down (keys still queued are dropped).
   */
  public synchronized Optional<K> get() throws InterruptedException {
    while (queue.isEmpty() && !shuttingDown) {
      wait();
    }
    if (queue.isEmpty()) {
      return Optional.empty();
    }
    K key = queue.pollFirst();
    processing.add(key);
    dirty.remove(key);
    return Optional.of(key);
  }

  /** The worker is finished with the key; if it was added meanwhile it is queued again. */
  public synchronized void done(K key) {
    processing.remove(key);
    if (dirty.contains(key)) {
      queue.addLast(key);
      notify();
    }
  }

  /** Adds the key after a plain delay that does not touch its backoff. */
  public void addAfter(K key, Duration delay) {
    if (delay.isNegative() || delay.isZero()) {
      add(key);
      return;
    }
    synchronized (this) {
      if (shuttingDown) {
        return;
      }
      long deadline = System.nanoTime() + delay.toNanos();
      Delayed existing = waiting.get(key);
      if (existing != null) {
        if (existing.deadlineNanos() <= deadline) {
          return; // it will be added sooner anyway
        }
        existing.future().cancel(false);
      }
      Delayed[] self = new Delayed[1];
      ScheduledFuture<?> f = timer.schedule(() -> {
        synchronized (this) {
          if (waiting.get(key) != self[0]) {
            return;
          }
          waiting.remove(key);
        }
        add(key);
      }, delay.toNanos(), TimeUnit.NANOSECONDS);
      self[0] = new Delayed(deadline, f);
      waiting.put(key, self[0]);
    }
  }

  /** Adds the key after its rate limiter's delay (per-key exponential backoff by default). */
  public void addRateLimited(K key) {
    addAfter(key, limiter.when(key));
  }

  /** The key succeeded: its backoff starts over. */
  public void forget(K key) {
    limiter.forget(key);
  }

  /** Rate-limited retries of the key since it was last forgotten. */
  public int numRequeues(K key) {
    return limiter.retries(key);
  }

  /** Keys waiting to be handed out (not counting delayed or in-flight ones). */
  public synchronized int length() {
    return queue.size();
  }

  /** Keys waiting for a delayed add. */
  public synchronized int delayedCount() {
    return waiting.size();
  }

  /** Whether a worker holds the key now. */
  public synchronized boolean isProcessing(K key) {
    return processing.contains(key);
  }

  /** Stops handing out keys: blocked and later {@link #get} calls return empty. */
  public void shutdown() {
    synchronized (this) {
      shuttingDown = true;
      queue.clear();
      dirty.clear();
      waiting.clear();
      notifyAll();
    }
    timer.shutdownNow();
  }

  public synchronized boolean isShuttingDown() {
    return shuttingDown;
  }

  @Override
  public void close() {
    shutdown();
  }
}
