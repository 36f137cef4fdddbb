package io.peloton.apiserver.grpc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.grpc.proto.ListRequest;
import io.peloton.apiserver.grpc.proto.ObjectRequest;
import io.peloton.apiserver.grpc.proto.ObjectResponse;
import io.peloton.apiserver.grpc.proto.ObjectsGrpcClient;
import io.peloton.apiserver.grpc.proto.WatchEvent;
import io.peloton.apiserver.testing.HostileCorpus;
import io.peloton.apiserver.testing.RestClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the gRPC corpus ({@code src/test/resources/hostile/grpc-requests.jsonl}): every call
 * must answer a 2xx or a 4xx Status, as REST would, never a 5xx or a failed call; the server
 * keeps serving.
 */
class HostileGrpcRequestsTest {
  @TempDir
  static Path dir;
  static ApiServer server;
  static Vertx vertx;
  static ObjectsGrpcClient client;

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("g.db"), 0)
        .withWatchTimeout(Duration.ofMillis(200)));
    HostileCorpus.seed(new RestClient(server.url()));
    vertx = Vertx.vertx();
    client = GrpcObjectsTest.objectsClient(vertx, server);
  }

  @AfterAll
  static void stop() {
    vertx.close();
    server.close();
  }

  @Test
  void everyHostileCallGetsAClientErrorStatusAndTheServerKeepsServing() {
    List<String> failures = new ArrayList<>();
    List<String> lines = HostileCorpus.lines("grpc-requests.jsonl");
    for (String line : lines) {
      JsonNode c = RestClient.parse(line);
      String problem;
      try {
        problem = call(c);
      } catch (RuntimeException e) {
        problem = "the call failed: " + e;
      }
      if (problem != null) {
        failures.add(line.substring(0, Math.min(160, line.length())) + " -> " + problem);
      }
    }
    assertTrue(lines.size() > 200, "the corpus is smaller than expected: " + lines.size());
    assertTrue(failures.isEmpty(), failures.size() + " of " + lines.size() + " hostile calls were"
        + " not answered with a client error Status:\n" + String.join("\n", failures));
    HostileCorpus.assertStillServing(new RestClient(server.url()));
  }

  private static String call(JsonNode c) {
    ObjectRequest object = ObjectRequest.newBuilder().setResource(c.path("resource").asText())
        .setNamespace(c.path("namespace").asText()).setName(c.path("name").asText())
        .setResourceVersion(c.path("resourceVersion").asText())
        .setObject(ByteString.copyFromUtf8(c.path("object").asText())).build();
    ListRequest list = ListRequest.newBuilder().setResource(c.path("resource").asText())
        .setNamespace(c.path("namespace").asText())
        .setLabelSelector(c.path("labelSelector").asText())
        .setFieldSelector(c.path("fieldSelector").asText()).setLimit(c.path("limit").asLong())
        .setContinue(c.path("continue").asText())
        .setResourceVersion(c.path("resourceVersion").asText()).build();
    if (c.path("rpc").asText().equals("watch")) {
      return watchProblem(list);
    }
    Future<ObjectResponse> answer = switch (c.path("rpc").asText()) {
      case "list" -> client.list(list);
      case "get" -> client.get(object);
      case "create" -> client.create(object);
      case "update" -> client.update(object);
      case "updateStatus" -> client.updateStatus(object);
      case "patch" -> client.patch(object);
      case "delete" -> client.delete(object);
      default -> throw new IllegalArgumentException("unknown rpc in corpus: " + c);
    };
    ObjectResponse r = join(answer);
    if (r.getCode() < 400) {
      return r.getCode() >= 200 ? null : "answered " + r.getCode();
    }
    return HostileCorpus.statusProblem(r.getCode(), RestClient.parse(r.getObject()
        .toStringUtf8()));
  }

  /** A watch ends with an ERROR event holding a 4xx Status, or runs until its timeout. */
  private static String watchProblem(ListRequest request) {
    Promise<String> outcome = Promise.promise();
    client.watch(request).onFailure(outcome::tryFail).onSuccess(stream -> {
      stream.handler((WatchEvent e) -> {
        JsonNode event = RestClient.parse(e.getEvent().toStringUtf8());
        if ("ERROR".equals(event.path("type").asText())) {
          JsonNode status = event.path("object");
          outcome.tryComplete(HostileCorpus.statusProblem(status.path("code").asInt(), status));
        }
      });
      stream.endHandler(v -> outcome.tryComplete(null));
      stream.exceptionHandler(t -> outcome.tryComplete("the watch failed: " + t));
    });
    return join(outcome.future());
  }

  private static <T> T join(Future<T> f) {
    return f.toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }
}
