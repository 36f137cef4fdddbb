package io.peloton.bridge.mesos;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential reconnect delays from {@code min}, doubling up to {@code max}, with 20 % jitter. */
public final class CappedBackoff {
  private final Duration min;
  private final Duration max;
  private int failures;

  public CappedBackoff(Duration min, Duration max) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff: need 0 < min <= max, got " + min + ".." + max);
    }
    this.min = min;
    this.max = max;
  }

  /** The delay before the next attempt; each call doubles the following one, up to max. */
  public synchronized Duration next() {
    long base = min.toMillis() << Math.min(failures, 20);
    failures++;
    long capped = Math.min(base, max.toMillis());
    // jitter spreads reconnecting replicas apart without ever exceeding the cap
    long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(Math.max(1, capped - jitter));
  }

  /** Back to {@code min} after a success. */
  public synchronized void reset() {
    failures = 0;
  }
}
