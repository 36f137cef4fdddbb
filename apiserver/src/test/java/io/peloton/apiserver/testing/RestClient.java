package io.peloton.apiserver.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.codec.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/** A tiny real-HTTP client for tests: JSON or YAML in, status code and parsed body out. */
public final class RestClient {
  private final String base;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

  public RestClient(String base) {
    this.base = base;
  }

  /** A response: status code, raw body, and the body parsed as JSON (null if not JSON). */
  public record Response(int code, String body, JsonNode json, String contentType) {}

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null);
  }

  /** A GET of {@code path} exactly as written, even when it is no valid URI (e.g. a bare %). */
  public Response getUnchecked(String path) {
    try {
      var c = (java.net.HttpURLConnection) new java.net.URL(base + path).openConnection();
      int code = c.getResponseCode();
      InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String ct = String.valueOf(c.getContentType());
      return new Response(code, body, ct.contains("json") ? parse(body) : null, ct);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response getYaml(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept",
        "application/yaml").GET(), null);
  }

  public Response post(String path, String body, String contentType) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
        contentType).POST(HttpRequest.BodyPublishers.ofString(body)), null);
  }

  public Response postJson(String path, Object body) {
    return post(path, json(body), "application/json");
  }

  public Response put(String path, Object body) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
        "application/json").PUT(HttpRequest.BodyPublishers.ofString(json(body))), null);
  }

  public Response patch(String path, String body, String contentType) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
        contentType).method("PATCH", HttpRequest.BodyPublishers.ofString(body)), null);
  }

  /** A POST with a body and no Content-Type header at all. */
  public Response postWithoutType(String path, String body) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)), null);
  }

  /** A DELETE with DeleteOptions as its JSON body. */
  public Response deleteWith(String path, String options) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
        "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(options)), null);
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), null);
  }

  /** Opens a watch; every received line lands in the returned queue. */
  public Watch watch(String path) {
    BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).GET().build();
    var future = http.sendAsync(req, HttpResponse.BodyHandlers.ofLines());
    Watch w = new Watch(events, future);
    future.thenAccept(resp -> {
      w.code = resp.statusCode();
      Thread t = new Thread(() -> {
        try (Stream<String> lines = resp.body()) {
          lines.forEach(line -> {
            if (!line.isBlank()) {
              events.add(parse(line));
            }
          });
        } catch (RuntimeException e) {
          // stream closed
        }
        w.ended = true;
      }, "test-watch-reader");
      t.setDaemon(true);
      t.start();
    });
    return w;
  }

  /** An open watch stream. */
  public static final class Watch implements AutoCloseable {
    public final BlockingQueue<JsonNode> events;
    private final java.util.concurrent.CompletableFuture<?> future;
    public volatile int code;
    public volatile boolean ended;

    Watch(BlockingQueue<JsonNode> events, java.util.concurrent.CompletableFuture<?> future) {
      this.events = events;
      this.future = future;
    }

    @Override
    public void close() {
      future.cancel(true);
    }
  }

  private Response send(HttpRequest.Builder b, Void unused) {
    try {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      String ct = r.headers().firstValue("Content-Type").orElse("");
      JsonNode json = ct.contains("json") ? parse(r.body()) : null;
      return new Response(r.statusCode(), r.body(), json, ct);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode parse(String s) {
    try {
      return Codecs.json().readTree(s);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + s, e);
    }
  }

  public static String json(Object o) {
    try {
      return o instanceof String s ? s : Codecs.json().writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
