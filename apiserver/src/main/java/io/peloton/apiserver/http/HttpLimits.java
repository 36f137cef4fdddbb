package io.peloton.apiserver.http;

import java.time.Duration;

/**
 * How long the API server waits for clients, and how many connections it holds, so that idle,
 * slow or stalled clients cannot hold it open (as Kubernetes' API server and reverse proxies do).
 *
 * @param idleTimeout a kept-alive connection with no request in flight is closed after this
 *     (Kubernetes: 90 s); a watch is a request in flight, however quiet
 * @param headerTimeout a new connection must have sent a complete request head within this
 *     (Kubernetes' read-header timeout: 32 s)
 * @param bodyTimeout an HTTP/1 request's body must have arrived within this of its head, else
 *     408 and the connection is closed; an HTTP/2 (gRPC) stream that sends nothing for this long
 *     is reset
 * @param maxConnections connections open at once, over all event loops; one more is closed at once
 */
public record HttpLimits(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout,
    int maxConnections) {

  public HttpLimits {
    for (Duration d : new Duration[] {idleTimeout, headerTimeout, bodyTimeout}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive, got " + d);
      }
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1, got "
          + maxConnections);
    }
  }

  public static HttpLimits defaults() {
    return new HttpLimits(Duration.ofSeconds(90), Duration.ofSeconds(30), Duration.ofSeconds(60),
        512);
  }
}
