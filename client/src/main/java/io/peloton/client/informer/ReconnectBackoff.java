package io.peloton.client.informer;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential wait between reconnect attempts, with jitter so many informers do not
 * reconnect in lockstep after a server restart. Not thread-safe: one per reconnecting loop.
 */
final class ReconnectBackoff {
  private final long minNanos;
  private final long maxNanos;
  private int failures;

  ReconnectBackoff(Duration min, Duration max) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
  }

  /** The wait before the next attempt; each call doubles the following one, up to the cap. */
  Duration next() {
    long base = minNanos << Math.min(failures, 30);
    if (base <= 0 || base > maxNanos) {
      base = maxNanos;
    }
    failures++;
    // jitter: 50%–100% of the nominal wait
    long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Duration.ofNanos(jittered);
  }

  void reset() {
    failures = 0;
  }
}
