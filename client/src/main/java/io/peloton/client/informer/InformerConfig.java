package io.peloton.client.informer;

import io.peloton.client.ListOptions;
import java.time.Duration;

/**
 * What an informer watches and how it paces itself.
 *
 * @param namespace one namespace, or null for all namespaces / a cluster-scoped kind
 * @param labelSelector server-side label selector, or null
 * @param fieldSelector server-side field selector, or null
 * @param resyncPeriod how often every cached object is re-delivered as an update (zero: never)
 * @param watchTimeout the shortest watch; each watch asks the server to end it after a random
 *     time between this and twice this, so a half-dead connection never lasts forever
 * @param minBackoff first wait before reconnecting to an unreachable server
 * @param maxBackoff cap of the reconnect wait (it doubles per failure)
 */
public record InformerConfig(String namespace, String labelSelector, String fieldSelector,
    Duration resyncPeriod, Duration watchTimeout, Duration minBackoff, Duration maxBackoff) {

  public InformerConfig {
    if (watchTimeout.toSeconds() < 1) {
      throw new IllegalArgumentException("watchTimeout must be at least 1s, got " + watchTimeout);
    }
    if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 < minBackoff <= maxBackoff, got "
          + minBackoff + ".." + maxBackoff);
    }
  }

  /** All namespaces, no selectors, resync every 10 min, watches of 5–10 min, backoff 100 ms–30 s. */
  public static InformerConfig defaults() {
    return new InformerConfig(null, null, null, Duration.ofMinutes(10), Duration.ofMinutes(5),
        Duration.ofMillis(100), Duration.ofSeconds(30));
  }

  public InformerConfig inNamespace(String ns) {
    return new InformerConfig(ns, labelSelector, fieldSelector, resyncPeriod, watchTimeout,
        minBackoff, maxBackoff);
  }

  public InformerConfig withLabelSelector(String selector) {
    return new InformerConfig(namespace, selector, fieldSelector, resyncPeriod, watchTimeout,
        minBackoff, maxBackoff);
  }

  public InformerConfig withFieldSelector(String selector) {
    return new InformerConfig(namespace, labelSelector, selector, resyncPeriod, watchTimeout,
        minBackoff, maxBackoff);
  }

  public InformerConfig withResyncPeriod(Duration period) {
    return new InformerConfig(namespace, labelSelector, fieldSelector, period, watchTimeout,
        minBackoff, maxBackoff);
  }

  public InformerConfig withWatchTimeout(Duration timeout) {
    return new InformerConfig(namespace, labelSelector, fieldSelector, resyncPeriod, timeout,
        minBackoff, maxBackoff);
  }

  public InformerConfig withBackoff(Duration min, Duration max) {
    return new InformerConfig(namespace, labelSelector, fieldSelector, resyncPeriod, watchTimeout,
        min, max);
  }

  /** List options carrying this informer's selectors. */
  ListOptions listOptions() {
    return ListOptions.all().withLabelSelector(labelSelector).withFieldSelector(fieldSelector);
  }
}
