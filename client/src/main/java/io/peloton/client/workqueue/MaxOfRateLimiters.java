package io.peloton.client.workqueue;

import java.time.Duration;
import java.util.List;

/** Combines limiters: a key waits for the longest of their delays. */
public final class MaxOfRateLimiters<K> implements RateLimiter<K> {
  private final List<RateLimiter<K>> limiters;

  @SafeVarargs
  public MaxOfRateLimiters(RateLimiter<K>... limiters) {
    this.limiters = List.of(limiters);
  }

  @Override
  public Duration when(K key) {
    Duration max = Duration.ZERO;
    for (RateLimiter<K> l : limiters) {
      Duration d = l.when(key);
      if (d.compareTo(max) > 0) {
        max = d;
      }
    }
    return max;
  }

  @Override
  public void forget(K key) {
    limiters.forEach(l -> l.forget(key));
  }

  @Override
  public int retries(K key) {
    int max = 0;
    for (RateLimiter<K> l : limiters) {
      max = Math.max(max, l.retries(key));
    }
    return max;
  }
}
