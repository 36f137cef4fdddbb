package io.peloton.apiserver.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts a store periodically, each tick to the revision seen at the previous tick, so at
 * least one interval of history stays for watchers to resume from. Failures are logged at ERROR
 * and counted, and the next tick tries again.
 */
public final class StoreCompactor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreCompactor.class);
  /** kube-apiserver's default compaction interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private final Store store;
  private final Duration interval;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean ticking = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong compactions = new AtomicLong();
  private final AtomicLong compactedTo = new AtomicLong();
  private volatile long previousTickRevision;

  public StoreCompactor(Store store, Duration interval) {
    this.store = Objects.requireNonNull(store, "store");
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval: must be positive, got " + interval);
    }
    this.interval = interval;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "store-compactor");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts ticking every interval. */
  public StoreCompactor start() {
    long millis = interval.toMillis();
    timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * One tick: compacts to the revision the previous tick saw (if any), then remembers the
   * current revision for the next tick. Completes normally even when compaction fails.
   */
  public CompletableFuture<Void> tick() {
    if (!ticking.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null); // the previous tick is still running
    }
    long target = previousTickRevision;
    CompletableFuture<Void> compaction = target > compactedTo.get()
        ? safely(() -> store.compact(target)).thenRun(() -> {
          compactions.incrementAndGet();
          compactedTo.accumulateAndGet(target, Math::max);
          LOG.info("compacted store history up to revision {}", target);
        })
        : CompletableFuture.completedFuture(null);
    return compaction
        .exceptionally(error -> {
          failures.incrementAndGet();
          LOG.error("store compaction to revision {} FAILED ({} failures so far); history keeps "
              + "growing until a later tick succeeds", target, failures.get(), error);
          return null;
        })
        .thenCompose(ignored -> safely(store::currentRevision))
        .handle((revision, error) -> {
          if (error != null) {
            failures.incrementAndGet();
            LOG.error("store compactor could not read the current revision", error);
          } else {
            previousTickRevision = revision;
          }
          ticking.set(false);
          return null;
        });
  }

  private static <T> CompletableFuture<T> safely(
      java.util.function.Supplier<CompletableFuture<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Failed compactions (and revision reads) since start: export as a metric and alert on it. */
  public long failureCount() {
    return failures.get();
  }

  /** Successful compactions since start. */
  public long compactionCount() {
    return compactions.get();
  }

  /** The revision of the last successful compaction by this compactor (0: none yet). */
  public long compactedRevision() {
    return compactedTo.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
