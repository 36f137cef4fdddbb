package io.peloton.mesos.sim.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP helpers for the maintenance, operator and admin endpoints in tests. */
public final class HttpCalls {
  private HttpCalls() {}

  public static HttpResponse<String> post(int port, String path, String body) {
    return post(port, path, body, "application/json");
  }

  public static HttpResponse<String> post(int port, String path, String body, String contentType) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  public static HttpResponse<String> get(int port, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).GET().build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return SchedulerClient.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
