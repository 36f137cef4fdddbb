package io.peloton.bridge.mesos;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Mesos v1 scheduler API client on the Vert.x HTTP client: keeps one SUBSCRIBE stream open
 * (RecordIO-decoded), sends calls with its {@code Mesos-Stream-Id}, follows leader redirects,
 * drops a stream whose heartbeats stop and re-subscribes with capped exponential backoff.
 */
public final class MesosSchedulerClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosSchedulerClient.class);
  public static final String PATH = "/api/v1/scheduler";

  private final Vertx vertx;
  private final MesosHttp http;
  private final WireEncoding encoding;
  private final CappedBackoff backoff;
  private final Duration minHeartbeatTimeout;
  private final Supplier<Call> subscribeCall;
  private final SchedulerListener listener;
  private final Executor dispatch;
  private final AtomicLong subscriptions = new AtomicLong();
  private final AtomicLong callsSent = new AtomicLong();

  private final Object lock = new Object();
  private long generation;
  private volatile String streamId;
  private volatile boolean subscribed;
  private volatile long lastEventNanos;
  private volatile long heartbeatTimeoutNanos;
  private HttpConnection connection;
  private volatile boolean closed;
  private long watchdogTimer = -1;

  public MesosSchedulerClient(Vertx vertx, MesosHttp http, WireEncoding encoding,
      CappedBackoff backoff, Duration minHeartbeatTimeout, Supplier<Call> subscribeCall,
      SchedulerListener listener, Executor dispatch) {
    this.vertx = vertx;
    this.http = http;
    this.encoding = encoding;
    this.backoff = backoff;
    this.minHeartbeatTimeout = minHeartbeatTimeout;
    this.subscribeCall = subscribeCall;
    this.listener = listener;
    this.dispatch = dispatch;
    this.heartbeatTimeoutNanos = minHeartbeatTimeout.toNanos();
  }

  /** Connects (asynchronously) and keeps reconnecting until closed. */
  public void start() {
    watchdogTimer = vertx.setPeriodic(250, id -> checkHeartbeat());
    connect();
  }

  public boolean isSubscribed() {
    return subscribed;
  }

  /** How many SUBSCRIBED events this client has seen. */
  public long subscriptions() {
    return subscriptions.get();
  }

  /** How many calls were sent (SUBSCRIBE excluded). */
  public long callsSent() {
    return callsSent.get();
  }

  public WireEncoding encoding() {
    return encoding;
  }

  /**
   * Sends a call on the current subscription; completes when the master accepted it (202), or
   * fails with the master's status and message.
   */
  public CompletableFuture<Void> call(Call call) {
    String id = streamId;
    if (id == null || !subscribed) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "not subscribed to the Mesos master; " + call.getType() + " not sent"));
    }
    callsSent.incrementAndGet();
    CompletableFuture<Void> out = new CompletableFuture<>();
    http.post(PATH, encoding.mediaType(), null, Map.of("Mesos-Stream-Id", id),
        Buffer.buffer(encoding.encode(call))).onComplete(ar -> {
          if (ar.failed()) {
            out.completeExceptionally(ar.cause());
          } else if (ar.result().status() == 202 || ar.result().status() == 200) {
            out.complete(null);
          } else {
            out.completeExceptionally(new IllegalStateException(call.getType() + " got HTTP "
                + ar.result().status() + ": " + ar.result().body().toString().trim()));
          }
        });
    return out;
  }

  private void connect() {
    if (closed) {
      return;
    }
    long gen;
    synchronized (lock) {
      gen = ++generation;
    }
    Call sub;
    try {
      sub = subscribeCall.get();
    } catch (RuntimeException e) {
      LOG.warn("cannot build SUBSCRIBE: {}", e.getMessage());
      scheduleReconnect(gen, "cannot build SUBSCRIBE: " + e.getMessage());
      return;
    }
    http.openStream(PATH, encoding.mediaType(), encoding.mediaType(),
        Buffer.buffer(encoding.encode(sub))).onComplete(ar -> {
          if (ar.failed()) {
            lost(gen, "SUBSCRIBE to " + http.leader() + " failed: " + ar.cause().getMessage());
            return;
          }
          HttpClientResponse resp = ar.result();
          if (resp.statusCode() != 200) {
            resp.resume();
            resp.body().onComplete(b -> lost(gen, "SUBSCRIBE got HTTP " + resp.statusCode() + ": "
                + (b.succeeded() ? b.result().toString().trim() : "")));
            return;
          }
          onStreamOpened(gen, resp);
        });
  }

  private void onStreamOpened(long gen, HttpClientResponse resp) {
    synchronized (lock) {
      if (gen != generation || closed) {
        resp.request().connection().close();
        return;
      }
      connection = resp.request().connection();
      streamId = resp.getHeader("Mesos-Stream-Id");
      lastEventNanos = System.nanoTime();
    }
    RecordIoDecoder decoder = new RecordIoDecoder();
    resp.handler(chunk -> {
      lastEventNanos = System.nanoTime();
      List<byte[]> records;
      try {
        records = decoder.feed(chunk.getBytes());
      } catch (IllegalStateException e) {
        lost(gen, e.getMessage());
        return;
      }
      for (byte[] record : records) {
        Event event;
        try {
          event = encoding.decode(record, Event.newBuilder());
        } catch (IllegalArgumentException e) {
          LOG.warn("dropping undecodable event: {}", e.getMessage());
          continue;
        }
        onEvent(gen, event);
      }
    });
    resp.exceptionHandler(t -> lost(gen, "stream failed: " + t.getMessage()));
    resp.endHandler(v -> lost(gen, "stream ended by the master"));
    resp.resume();
  }

  private void onEvent(long gen, Event event) {
    synchronized (lock) {
      if (gen != generation) {
        return;
      }
    }
    switch (event.getType()) {
      case SUBSCRIBED -> {
        double hb = event.getSubscribed().getHeartbeatIntervalSeconds();
        // Mesos' advice: consider the stream dead after a few missed heartbeats
        long fromMaster = (long) (hb * 3 * 1e9);
        heartbeatTimeoutNanos = Math.max(minHeartbeatTimeout.toNanos(), fromMaster);
        subscribed = true;
        subscriptions.incrementAndGet();
        backoff.reset();
        LOG.info("subscribed to {} as framework {} (heartbeat {} s)", http.leader(),
            event.getSubscribed().getFrameworkId().getValue(), hb);
        dispatch.execute(() -> listener.onSubscribed(event.getSubscribed()));
      }
      case HEARTBEAT -> { }
      case ERROR -> {
        LOG.warn("master sent ERROR: {}", event.getError().getMessage());
        dispatch.execute(() -> listener.onEvent(event));
      }
      default -> dispatch.execute(() -> listener.onEvent(event));
    }
  }

  private void checkHeartbeat() {
    long gen;
    synchronized (lock) {
      if (connection == null || closed) {
        return;
      }
      gen = generation;
    }
    if (System.nanoTime() - lastEventNanos > heartbeatTimeoutNanos) {
      lost(gen, "no event or heartbeat for " + heartbeatTimeoutNanos / 1_000_000 + " ms");
    }
  }

  private void lost(long gen, String reason) {
    HttpConnection conn;
    boolean wasSubscribed;
    synchronized (lock) {
      if (gen != generation) {
        return;
      }
      generation++; // later callbacks of this stream are stale
      conn = connection;
      connection = null;
      streamId = null;
      wasSubscribed = subscribed;
      subscribed = false;
    }
    if (conn != null) {
      conn.close();
    }
    if (!closed) {
      LOG.info("Mesos stream lost: {}", reason);
      if (wasSubscribed) {
        dispatch.execute(() -> listener.onDisconnected(reason));
      }
    }
    scheduleReconnect(gen, reason);
  }

  private void scheduleReconnect(long gen, String reason) {
    if (closed) {
      return;
    }
    Duration delay = backoff.next();
    LOG.debug("reconnecting in {} ms after: {}", delay.toMillis(), reason);
    vertx.setTimer(delay.toMillis(), id -> connect());
  }

  /** Closes the stream without TEARDOWN: the framework stays registered for a successor. */
  @Override
  public void close() {
    HttpConnection conn;
    synchronized (lock) {
      closed = true;
      generation++;
      conn = connection;
      connection = null;
      streamId = null;
      subscribed = false;
    }
    if (watchdogTimer >= 0) {
      vertx.cancelTimer(watchdogTimer);
    }
    if (conn != null) {
      conn.close();
    }
  }
}
