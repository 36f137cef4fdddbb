package io.peloton.bridge.mesos;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts to the leading Mesos master, following 307 redirects (protocol-relative Locations) and
 * remembering the leader they name, so later requests go straight there.
 */
public final class MesosHttp implements AutoCloseable {
  private static final int MAX_REDIRECTS = 5;
  private static final long CALL_IDLE_TIMEOUT_MILLIS = 15_000;

  private final HttpClient calls;
  private final HttpClient streams;
  private final AtomicReference<MasterAddress> leader;
  // requests start on this context: from foreign threads the client was seen to lose responses
  private final Context context;

  public MesosHttp(Vertx vertx, MasterAddress master, int maxConnections) {
    this.leader = new AtomicReference<>(master);
    this.context = vertx.getOrCreateContext();
    this.calls = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(maxConnections));
    // the event stream lives on its own connection, never shared with calls
    this.streams = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
        .setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(2));
  }

  /** The master requests currently go to. */
  public MasterAddress leader() {
    return leader.get();
  }

  /** A completed response: status, headers of interest, body. */
  public record Reply(int status, String contentType, String streamId, Buffer body) {}

  /** POSTs a body and reads the whole response. */
  public Future<Reply> post(String path, String contentType, String accept,
      Map<String, String> headers, Buffer body) {
    if (Vertx.currentContext() != context) {
      Promise<Reply> hop = Promise.promise();
      context.runOnContext(v -> post(path, contentType, accept, headers, body).onComplete(hop));
      return hop.future();
    }
    return open(calls, path, contentType, accept, headers, body, 0)
        .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(),
            resp.getHeader("Content-Type"), resp.getHeader("Mesos-Stream-Id"), b)))
        .timeout(CALL_IDLE_TIMEOUT_MILLIS * 2, TimeUnit.MILLISECONDS);
  }

  /**
   * POSTs a body and returns the response paused, its body still streaming (for SUBSCRIBE): set
   * the handlers, then call {@code resume()}.
   */
  public Future<HttpClientResponse> openStream(String path, String contentType, String accept,
      Buffer body) {
    return open(streams, path, contentType, accept, Map.of(), body, 0);
  }

  private Future<HttpClientResponse> open(HttpClient client, String path, String contentType,
      String accept, Map<String, String> headers, Buffer body, int redirects) {
    MasterAddress target = leader.get();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setHost(target.host()).setPort(target.port()).setSsl(target.ssl()).setURI(path)
        .putHeader("Content-Type", contentType);
    if (client == calls) {
      // a call the master never answers must not hold a pooled connection forever
      options.setIdleTimeout(CALL_IDLE_TIMEOUT_MILLIS);
    }
    if (accept != null) {
      options.putHeader("Accept", accept);
    }
    headers.forEach(options::putHeader);
    Promise<HttpClientResponse> result = Promise.promise();
    Future<HttpClientRequest> request;
    try {
      request = client.request(options);
    } catch (IllegalStateException closed) {
      return Future.failedFuture(closed); // a call still hopping onto the context at close
    }
    request.compose(req -> req.send(body)).onComplete(ar -> {
      if (ar.failed()) {
        result.fail(ar.cause());
        return;
      }
      HttpClientResponse resp = ar.result();
      if (resp.statusCode() == 307 && redirects < MAX_REDIRECTS) {
        String location = resp.getHeader("Location");
        resp.body(); // drain so the connection can be reused
        try {
          MasterAddress next = target.redirectedTo(location);
          leader.compareAndSet(target, next);
        } catch (IllegalArgumentException e) {
          result.fail(e);
          return;
        }
        open(client, path, contentType, accept, headers, body, redirects + 1)
            .onComplete(result);
        return;
      }
      if (client == streams) {
        // the caller attaches its handlers, then resumes: no chunk can slip past unseen
        resp.pause();
      }
      result.complete(resp);
    });
    return result.future();
  }

  @Override
  public void close() {
    calls.close();
    streams.close();
  }
}
