package io.peloton.client.reconcile;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.client.ApiError;
import io.peloton.client.DaemonThreads;
import io.peloton.client.workqueue.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Reconciler} on N worker threads fed by a {@link WorkQueue}: success forgets the
 * key's backoff; requeue-after forgets it and re-adds after a plain delay; an error re-adds the
 * key with per-key exponential backoff; a {@link TerminalException} is logged and dropped. The
 * queue guarantees a key is never reconciled by two workers at once.
 */
public final class ReconcileLoop<K> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

  private final String name;
  private final WorkQueue<K> queue;
  private final Reconciler<K> reconciler;
  private final int workers;
  private final List<Thread> threads = new ArrayList<>();
  private final ReconcileMetrics metrics;

  public ReconcileLoop(String name, WorkQueue<K> queue, Reconciler<K> reconciler, int workers) {
    this(name, queue, reconciler, workers, new SimpleMeterRegistry());
  }

  /** As above, with meters ({@code peloton.reconcile.*}, {@code peloton.workqueue.*}) on a registry. */
  public ReconcileLoop(String name, WorkQueue<K> queue, Reconciler<K> reconciler, int workers,
      MeterRegistry registry) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.name = name;
    this.queue = queue;
    this.reconciler = reconciler;
    this.workers = workers;
    this.metrics = new ReconcileMetrics(registry, name, queue);
  }

  public WorkQueue<K> queue() {
    return queue;
  }

  /** Starts the workers; returns at once. */
  public synchronized ReconcileLoop<K> start() {
    if (!threads.isEmpty()) {
      throw new IllegalStateException(name + " already started");
    }
    for (int i = 0; i < workers; i++) {
      Thread t = DaemonThreads.of(this::work, name + "-worker-" + i);
      threads.add(t);
      t.start();
    }
    return this;
  }

  private void work() {
    while (true) {
      Optional<K> next;
      try {
        next = queue.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (next.isEmpty()) {
        return; // shut down
      }
      K key = next.get();
      try {
        long began = System.nanoTime();
        Result result = runOnce(key);
        metrics.record(result, Duration.ofNanos(System.nanoTime() - began));
        handle(key, result);
      } finally {
        queue.done(key);
      }
    }
  }

  private Result runOnce(K key) {
    try {
      Result r = reconciler.reconcile(key);
      return r == null ? Result.done() : r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.error(e);
    } catch (Exception e) {
      return Result.error(e);
    } catch (Error e) {
      LOG.error("{}: reconcile of {} failed hard", name, key, e);
      return Result.error(e);
    }
  }

  private void handle(K key, Result result) {
    if (result.error() instanceof TerminalException t) {
      LOG.error("{}: reconcile of {} failed and will not be retried: {}", name, key,
          t.getMessage());
      queue.forget(key);
    } else if (result.error() != null) {
      Throwable e = result.error();
      if (e instanceof ApiError a && a.isConflict()) {
        // a stale read: routine, retry soon without alarming anyone
        LOG.debug("{}: {} conflicted; retrying", name, key);
      } else {
        LOG.warn("{}: reconcile of {} failed (retry {}): {}", name, key,
            queue.numRequeues(key) + 1, e.toString());
      }
      queue.addRateLimited(key);
    } else if (result.requeueAfter() != null) {
      queue.forget(key);
      queue.addAfter(key, result.requeueAfter());
    } else {
      queue.forget(key);
    }
  }

  /** Shuts the queue down and waits (up to {@code timeout}) for in-flight reconciles. */
  public void stop(Duration timeout) {
    queue.shutdown();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Thread t : threads) {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        try {
          t.join(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
