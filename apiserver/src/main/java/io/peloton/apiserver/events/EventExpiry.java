package io.peloton.apiserver.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.time.Rfc3339;
import io.peloton.apiserver.cache.CachedObject;
import io.peloton.apiserver.cache.WatchCache;
import io.peloton.apiserver.cache.WatchFilter;
import io.peloton.apiserver.service.Futures;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes Events not updated for longer than the TTL (kube-apiserver's {@code --event-ttl},
 * one hour by default), so Events cannot grow without bound.
 *
 * <p>Why a sweeper in the API server rather than etcd leases: it works the same on both stores
 * (SQLite has no leases), reads the watch cache instead of the store, and an Event whose count
 * grows is kept for a TTL after its last repeat (the delete is conditional on the revision it
 * saw, so one updated meanwhile stays) without renewing a lease on every update.
 */
public final class EventExpiry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventExpiry.class);
  /** kube-apiserver's default. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  /**
   * Deletes per sweep: a store full of old Events (from before they expired) drains over a few
   * sweeps instead of flooding every watcher with hundreds of thousands of deletions at once.
   */
  static final int MAX_PER_SWEEP = 10_000;

  private final Store store;
  private final WatchCache cache;
  private final Clock clock;
  private final Duration ttl;
  private final ScheduledExecutorService timer;

  public EventExpiry(Store store, WatchCache cache, Clock clock, Duration ttl) {
    this.store = Objects.requireNonNull(store, "store");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("event TTL: must be positive, got " + ttl);
    }
    this.ttl = ttl;
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "event-expiry");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Sweeps every tenth of the TTL (at most once a minute), so an Event outlives it by little. */
  public EventExpiry start() {
    long millis = Math.min(ttl.toMillis() / 10 + 1, Duration.ofMinutes(1).toMillis());
    timer.scheduleWithFixedDelay(() -> {
      try {
        sweep().join();
      } catch (RuntimeException e) {
        LOG.warn("event expiry sweep failed; the next one tries again: {}", e.getMessage());
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Deletes every expired Event the cache holds; completes with how many went. */
  public CompletableFuture<Integer> sweep() {
    Instant cutoff = clock.instant().minus(ttl);
    List<CompletableFuture<Boolean>> deletes = new ArrayList<>();
    for (CachedObject event : cache.list(WatchFilter.all(ResourceTypes.EVENT)).items()) {
      if (deletes.size() >= MAX_PER_SWEEP) {
        break;
      }
      Instant last = lastSeen(event.tree());
      if (last != null && last.isBefore(cutoff)) {
        deletes.add(store.delete(event.key(), event.revision())
            .handle((revision, error) -> {
              Throwable cause = error == null ? null : Futures.unwrap(error);
              // gone already, or repeated since this sweep saw it: both as they should be
              if (cause != null && !(cause instanceof StoreException.NotFound)
                  && !(cause instanceof StoreException.Conflict)) {
                LOG.warn("could not expire event {}: {}", event.key(), cause.toString());
              }
              return error == null;
            }));
      }
    }
    return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
        .thenApply(v -> {
          int deleted = (int) deletes.stream().filter(CompletableFuture::join).count();
          if (deleted > 0) {
            LOG.info("expired {} event(s) last seen before {}", deleted, cutoff);
          }
          return deleted;
        });
  }

  /** When the Event last happened: lastTimestamp, else firstTimestamp, else its creation. */
  static Instant lastSeen(JsonNode event) {
    for (JsonNode field : List.of(event.path("lastTimestamp"), event.path("firstTimestamp"),
        event.path("metadata").path("creationTimestamp"))) {
      if (field.isTextual() && Rfc3339.problem(field.asText()) == null) {
        return Rfc3339.parse(field.asText());
      }
    }
    return null;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
