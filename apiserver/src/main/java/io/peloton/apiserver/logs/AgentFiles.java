package io.peloton.apiserver.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.RunSandbox;
import io.peloton.apiserver.service.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A Mesos agent's {@code /files/read} over HTTP, without blocking: the size of a sandbox file
 * ({@code offset=-1}) and a byte range of it. An agent that cannot be reached is a 503 naming
 * it; a file it does not have is a 404.
 */
final class AgentFiles {
  private static final long CONNECT_TIMEOUT_MS = 5_000;
  private static final long IDLE_TIMEOUT_MS = 15_000;

  private final HttpClient http;

  AgentFiles(Vertx vertx) {
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) CONNECT_TIMEOUT_MS).setKeepAlive(true));
  }

  /** The file's current size in bytes. */
  Future<Long> size(RunSandbox sandbox, String file) {
    return read(sandbox, file, -1, 0).map(JsonNode::asLong);
  }

  /** Up to {@code length} bytes from {@code offset}, as the agent's UTF-8 text. */
  Future<String> text(RunSandbox sandbox, String file, long offset, long length) {
    return read(sandbox, file, offset, length).map(data -> data.asText(""));
  }

  /** Answers the {@code offset} node for {@code offset=-1}, otherwise the {@code data} node. */
  private Future<JsonNode> read(RunSandbox sandbox, String file, long offset, long length) {
    String path = sandbox.directory() + "/" + file;
    String uri = sandbox.agentUrl() + "/files/read?path="
        + URLEncoder.encode(path, StandardCharsets.UTF_8) + "&offset=" + offset
        + (offset >= 0 ? "&length=" + length : "");
    String agent = "agent " + sandbox.host() + " (" + sandbox.agentUrl() + ")";
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri)
        .setConnectTimeout(CONNECT_TIMEOUT_MS).setIdleTimeout(IDLE_TIMEOUT_MS);
    return http.request(options)
        .compose(req -> req.send())
        .compose(resp -> resp.body().map(body -> {
          if (resp.statusCode() == 404) {
            throw ApiException.notFound(file + " of run " + sandbox.runId() + " is not on "
                + agent + ": its sandbox is gone (garbage-collected or the agent lost it)");
          }
          if (resp.statusCode() != 200) {
            throw ApiException.unavailable(agent + " answered " + resp.statusCode()
                + " to /files/read: " + body.toString(StandardCharsets.UTF_8).strip());
          }
          try {
            JsonNode json = Codecs.json().readTree(body.getBytes());
            return json.path(offset < 0 ? "offset" : "data");
          } catch (IOException e) {
            throw ApiException.unavailable(agent + " answered /files/read with no JSON");
          }
        }))
        .recover(t -> Future.failedFuture(t instanceof ApiException ? t
            : ApiException.unavailable(agent + " cannot be reached: " + t.getMessage())));
  }
}
