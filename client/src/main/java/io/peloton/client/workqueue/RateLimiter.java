package io.peloton.client.workqueue;

import java.time.Duration;

/** Decides how long a failing key waits before it is retried. Thread-safe. */
public interface RateLimiter<K> {
  /** The wait before the next retry of {@code key}; counts the retry. */
  Duration when(K key);

  /** Forgets the key's failures (it succeeded): its next retry starts from the base delay. */
  void forget(K key);

  /** How many retries were counted for the key since it was last forgotten. */
  int retries(K key);

  /**
   * The usual controller limiter: the larger of a per-key exponential backoff (5 ms doubling to
   * 1000 s) and an overall token bucket (10 per second, burst 100), so one broken object
   * cannot starve the rest and a mass failure cannot hammer the API server.
   */
  static <K> RateLimiter<K> controllerDefault() {
    return new MaxOfRateLimiters<>(
        new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000)),
        new TokenBucket<>(10, 100));
  }
}
