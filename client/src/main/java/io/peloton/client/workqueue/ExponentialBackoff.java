package io.peloton.client.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Per-key exponential backoff: base, 2·base, 4·base, … up to a cap; reset by forget. */
public final class ExponentialBackoff<K> implements RateLimiter<K> {
  private final long baseNanos;
  private final long maxNanos;
  private final Map<K, Integer> failures = new HashMap<>();

  public ExponentialBackoff(Duration base, Duration max) {
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 < base <= max, got "
          + base + ".." + max);
    }
    this.baseNanos = base.toNanos();
    this.maxNanos = max.toNanos();
  }

  @Override
  public synchronized Duration when(K key) {
    int n = failures.merge(key, 1, Integer::sum) - 1;
    // base · 2^n without overflow
    double nanos = baseNanos * Math.pow(2, Math.min(n, 62));
    return Duration.ofNanos(nanos >= maxNanos ? maxNanos : (long) nanos);
  }

  @Override
  public synchronized void forget(K key) {
    failures.remove(key);
  }

  @Override
  public synchronized int retries(K key) {
    return failures.getOrDefault(key, 0);
  }
}
