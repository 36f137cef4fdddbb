package io.peloton.apiserver.http;

import io.peloton.api.codec.Codecs;
import io.peloton.apiserver.service.Statuses;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces {@link HttpLimits} on one HTTP server (one event loop): counts connections against
 * the limit shared by all event loops, and closes connections that idle, never finish their
 * request head, or stall in a body. Also answers what never reaches the router (an HTTP version
 * it does not speak, a malformed request head) with a Status. Runs on the server's event loop
 * only, so its state needs no locks; deadlines are checked once a second.
 */
public final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  static final long SCAN_INTERVAL_MS = 1_000;
  private static final long REFUSAL_LOG_INTERVAL_MS = 10_000;
  /** The name Vert.x gives the channel's idle-state handler. */
  private static final String IDLE_HANDLER = "idle";

  private final HttpLimits limits;
  private final AtomicInteger open;
  private final Clock clock;
  /** Keyed by identity: a connection does not override equals. */
  private final Map<HttpConnection, Tracked> connections = new HashMap<>();
  private long lastRefusalLog = -REFUSAL_LOG_INTERVAL_MS;

  /** @param open connections open on every event loop; shared by their guards */
  public ConnectionGuard(HttpLimits limits, AtomicInteger open, Clock clock) {
    this.limits = limits;
    this.open = open;
    this.clock = clock;
  }

  /** Installs the guard on {@code server}; requests it lets through go to {@code next}. */
  public HttpServer install(Vertx vertx, HttpServer server, Handler<HttpServerRequest> next) {
    vertx.setPeriodic(SCAN_INTERVAL_MS, id -> scan());
    return server.connectionHandler(this::connected)
        .invalidRequestHandler(ConnectionGuard::invalid)
        // Vert.x answers an unknown HTTP version with a bare 501 unless a WebSocket handler is
        // set; with one, every request reaches admitted() below (WebSockets are not served)
        .webSocketHandshakeHandler(handshake -> handshake.reject(404))
        .requestHandler(req -> {
          if (admitted(req)) {
            next.handle(req);
          }
        });
  }

  /** A connection, the requests in flight on it, and since when it idles. */
  private static final class Tracked {
    final ArrayDeque<InFlight> requests = new ArrayDeque<>();
    final long openedAt;
    long idleSince = -1;

    Tracked(long openedAt) {
      this.openedAt = openedAt;
    }
  }

  /** A request and when its body last made progress. */
  private static final class InFlight {
    final HttpServerRequest request;
    final long startedAt;
    long bytesRead;
    long progressAt;

    InFlight(HttpServerRequest request, long startedAt) {
      this.request = request;
      this.startedAt = startedAt;
      this.progressAt = startedAt;
    }

    /**
     * Whether its body is overdue. An HTTP/1 body must be complete within the timeout (a REST
     * body at any sane rate is); an HTTP/2 stream (a gRPC bulk create may stream for minutes)
     * only must not stop for that long.
     */
    boolean stalled(long now, long timeoutMs) {
      if (request.isEnded()) {
        return false;
      }
      if (request.version() != HttpVersion.HTTP_2) {
        return now - startedAt >= timeoutMs;
      }
      long read = request.bytesRead();
      if (read != bytesRead) {
        bytesRead = read;
        progressAt = now;
      }
      return now - progressAt >= timeoutMs;
    }
  }

  private void connected(HttpConnection conn) {
    int now = open.incrementAndGet();
    conn.closeHandler(v -> {
      open.decrementAndGet();
      connections.remove(conn);
    });
    if (now > limits.maxConnections()) {
      long t = clock.millis();
      if (t - lastRefusalLog >= REFUSAL_LOG_INTERVAL_MS) {
        lastRefusalLog = t;
        LOG.warn("refusing connections from {} and others: {} are open, the limit is {}",
            conn.remoteAddress(), now - 1, limits.maxConnections());
      }
      conn.close();
      return;
    }
    connections.put(conn, new Tracked(clock.millis()));
    dropChannelIdleTimeout(conn);
  }

  /**
   * The server's channel idle timeout ({@link #serverOptions}) closes a connection that sends
   * nothing before its first request head is complete: Vert.x makes the connection only then,
   * when it knows the request is no HTTP/2 upgrade, so this guard cannot see it earlier. From
   * here the guard's own deadlines apply, which know a quiet watch from an idle connection, so
   * the channel's timeout goes (it would cut a watch with no events).
   */
  private static void dropChannelIdleTimeout(HttpConnection conn) {
    if (conn instanceof io.vertx.core.net.impl.ConnectionBase base
        && base.channel().pipeline().get(IDLE_HANDLER) != null) {
      base.channel().pipeline().remove(IDLE_HANDLER);
    }
  }

  /** Server options carrying the channel idle timeout for connections before their request. */
  public static HttpServerOptions serverOptions(HttpServerOptions options, HttpLimits limits) {
    return options.setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, limits.headerTimeout().toMillis()));
  }

  private boolean admitted(HttpServerRequest req) {
    if (req.version() == null) {
      // Netty parses any HTTP/x.y; only 1.0, 1.1 and 2 are spoken here. The client's mistake,
      // so a 4xx (RFC 9110's 505 would count as the server failing)
      reply(req, 400, "BadRequest",
          "HTTP version not supported: only HTTP/1.0, HTTP/1.1 and HTTP/2 are");
      return false;
    }
    Tracked t = connections.get(req.connection());
    if (t == null) {
      t = new Tracked(clock.millis());
      connections.put(req.connection(), t);
    }
    t.requests.add(new InFlight(req, clock.millis()));
    return true;
  }

  /** Closes what has outstayed its deadline. */
  void scan() {
    long now = clock.millis();
    List<HttpConnection> expired = new ArrayList<>();
    for (Map.Entry<HttpConnection, Tracked> e : connections.entrySet()) {
      Tracked t = e.getValue();
      boolean served = t.requests.removeIf(f -> f.request.response().ended()
          || f.request.response().closed());
      if (served && t.requests.isEmpty()) {
        t.idleSince = now;
      }
      for (InFlight f : t.requests) {
        if (f.stalled(now, limits.bodyTimeout().toMillis())) {
          stalled(f.request);
        }
      }
      if (t.requests.isEmpty()) {
        boolean neverServed = t.idleSince < 0;
        long since = neverServed ? t.openedAt : t.idleSince;
        long allowed = (neverServed ? limits.headerTimeout() : limits.idleTimeout()).toMillis();
        if (now - since >= allowed) {
          expired.add(e.getKey());
        }
      }
    }
    for (HttpConnection conn : expired) {
      connections.remove(conn);
      conn.close();
    }
  }

  private void stalled(HttpServerRequest req) {
    if (req.version() == HttpVersion.HTTP_2) {
      req.response().reset(); // one gRPC stream, not the connection its siblings share
      return;
    }
    reply(req, 408, "Timeout", "the request body did not arrive within "
        + limits.bodyTimeout().toSeconds() + " s");
  }

  private static void invalid(HttpServerRequest req) {
    Throwable cause = req.decoderResult().cause();
    String name = cause == null ? "" : cause.getClass().getSimpleName();
    if (name.equals("TooLongHttpLineException")) {
      reply(req, 414, "RequestURITooLong", "the request line is too long");
    } else if (name.equals("TooLongHttpHeaderException")) {
      reply(req, 431, "RequestHeaderFieldsTooLarge", "the request headers are too large");
    } else {
      reply(req, 400, "BadRequest", "malformed HTTP request"
          + (cause == null ? "" : ": " + cause.getMessage()));
    }
  }

  /** Answers with a Status and closes the connection once it is sent. */
  private static void reply(HttpServerRequest req, int code, String reason, String message) {
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) {
      return;
    }
    if (resp.headWritten()) {
      req.connection().close();
      return;
    }
    byte[] body;
    try {
      body = Codecs.json().writeValueAsBytes(Statuses.failure(code, reason, message, null));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      body = new byte[0];
    }
    resp.setStatusCode(code).putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(Buffer.buffer(body)).onComplete(v -> req.connection().close());
  }
}
