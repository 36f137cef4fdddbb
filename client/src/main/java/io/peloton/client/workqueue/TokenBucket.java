package io.peloton.client.workqueue;

import java.time.Duration;

/**
 * An overall limit on retries of all keys together: {@code ratePerSecond} with bursts of
 * {@code burst}. Each retry reserves a token and waits until it is due.
 */
public final class TokenBucket<K> implements RateLimiter<K> {
  private final double ratePerSecond;
  private final double burst;
  private double tokens;
  private long lastNanos;

  public TokenBucket(double ratePerSecond, int burst) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("token bucket needs rate > 0 and burst >= 1, got "
          + ratePerSecond + "/s burst " + burst);
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = System.nanoTime();
  }

  @Override
  public synchronized Duration when(K key) {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - lastNanos) / 1e9 * ratePerSecond);
    lastNanos = now;
    tokens -= 1;
    return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens / ratePerSecond * 1e9));
  }

  @Override
  public void forget(K key) {
    // an overall limit: nothing per key to forget
  }

  @Override
  public int retries(K key) {
    return 0;
  }
}
