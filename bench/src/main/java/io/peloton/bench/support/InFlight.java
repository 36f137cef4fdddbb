package io.peloton.bench.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/** Runs N asynchronous operations with at most K in flight and reports the rate achieved. */
public final class InFlight {
  private InFlight() {}

  /**
   * Issues {@code count} operations, keeping {@code concurrency} in flight; returns operations
   * per second. Fails if any operation fails (a benchmark must not count errors as work).
   */
  public static double run(int count, int concurrency, IntFunction<CompletionStage<?>> op)
      throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    AtomicInteger done = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CompletableFuture<Void> all = new CompletableFuture<>();
    long start = System.nanoTime();
    for (int i = 0; i < count && failure.get() == null; i++) {
      permits.acquire();
      op.apply(i).whenComplete((r, t) -> {
        if (t != null) {
          failure.compareAndSet(null, t);
        }
        permits.release();
        if (done.incrementAndGet() == count) {
          all.complete(null);
        }
      });
    }
    if (failure.get() == null) {
      try {
        all.get(10, TimeUnit.MINUTES);
      } catch (Exception e) {
        throw new IllegalStateException("operations did not finish: " + e, e);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException("an operation failed: " + failure.get(), failure.get());
    }
    return count / ((System.nanoTime() - start) / 1e9);
  }

  /** Waits for a future, rethrowing its failure unwrapped. */
  public static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }
}
