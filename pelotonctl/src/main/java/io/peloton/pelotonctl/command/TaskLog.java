package io.peloton.pelotonctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.pelotonctl.config.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Copies a task's sandbox output to the user through the API server's Task {@code log}
 * subresource (so clients never reach agents); a refusal (404 no such task or sandbox, 503 agent
 * unreachable) becomes the server's {@link ApiError}.
 *
 * @param stream {@code stdout} or {@code stderr}
 * @param run a previous run's id, or null for the current run
 * @param follow keep copying until the run ends
 * @param tailLines only the last lines, or null for all
 */
public record TaskLog(String stream, Integer run, boolean follow, Integer tailLines) {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The request path and query of the contract. */
  String path(String namespace, String task) {
    StringBuilder q = new StringBuilder(ApiClient.objectPath(ResourceTypes.TASK, namespace, task))
        .append("/log?stream=").append(URLEncoder.encode(stream, StandardCharsets.UTF_8));
    if (run != null) {
      q.append("&run=").append(run);
    }
    if (follow) {
      q.append("&follow=true");
    }
    if (tailLines != null) {
      q.append("&tailLines=").append(tailLines);
    }
    return q.toString();
  }

  /** Copies the log of {@code task} to {@code out} as it arrives; returns when it ends. */
  public void copy(Connection c, String namespace, String task, PrintWriter out)
      throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(c.server().replaceAll("/+$", "")
            + path(namespace, task)))
        .header("Accept", "text/plain, application/json").GET();
    if (!follow) {
      req.timeout(Duration.ofSeconds(60));
    }
    if (c.token() != null && !c.token().isEmpty()) {
      req.header("Authorization", "Bearer " + c.token());
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT).build();
    HttpResponse<InputStream> r;
    try {
      r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new ApiError(0, "", "cannot reach the API server at " + c.server() + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null);
    }
    try (InputStream body = r.body()) {
      if (r.statusCode() != 200) {
        String raw = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        JsonNode status;
        try {
          status = Codecs.json().readTree(raw);
        } catch (IOException notJson) {
          status = null;
        }
        throw ApiError.from(r.statusCode(), status, raw.strip());
      }
      Reader in = new InputStreamReader(body, StandardCharsets.UTF_8);
      char[] buf = new char[8192];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        out.write(buf, 0, n);
        // what a follow brings is shown as it arrives, not when a buffer fills
        out.flush();
      }
    }
  }
}
