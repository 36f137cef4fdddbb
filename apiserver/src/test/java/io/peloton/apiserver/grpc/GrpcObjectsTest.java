package io.peloton.apiserver.grpc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.grpc.proto.ListRequest;
import io.peloton.apiserver.grpc.proto.ObjectRequest;
import io.peloton.apiserver.grpc.proto.ObjectResponse;
import io.peloton.apiserver.grpc.proto.ObjectsGrpcClient;
import io.peloton.apiserver.testing.RestClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gRPC adapter over a real server: same operations, same answers as REST. */
class GrpcObjectsTest {
  @TempDir
  static Path dir;
  static ApiServer server;
  static Vertx vertx;
  static ObjectsGrpcClient client;

  @BeforeAll
  static void start() {
    server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("g.db"), 0));
    vertx = Vertx.vertx();
    client = objectsClient(vertx, server);
  }

  /** A gRPC client of {@code server}'s object API. */
  static ObjectsGrpcClient objectsClient(Vertx vertx, ApiServer server) {
    return ObjectsGrpcClient.create(GrpcClient.client(vertx,
            new GrpcClientOptions().setMaxMessageSize(ApiServer.MAX_GRPC_MESSAGE)),
        SocketAddress.inetSocketAddress(server.port(), "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    vertx.close();
    server.close();
  }

  static String task(String job, int instance, double cpu) {
    return """
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"%s-%d"},
         "spec":{"job":"%s","instance":%d,"config":{"resource":{"cpuLimit":%s,"memLimitMb":32},
           "command":{"value":"true"}}}}""".formatted(job, instance, job, instance, cpu);
  }

  static <T> T join(Future<T> f) {
    return f.toCompletionStage().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
  }

  static ObjectRequest create(String ns, String json) {
    return ObjectRequest.newBuilder().setResource("tasks").setNamespace(ns)
        .setObject(ByteString.copyFromUtf8(json)).build();
  }

  static JsonNode body(ObjectResponse r) {
    return RestClient.parse(r.getObject().toStringUtf8());
  }

  @Test
  void createGetAndErrorsMatchRest() {
    ObjectResponse created = join(client.create(create("g1", task("web", 0, 1))));
    assertEquals(201, created.getCode(), created.getObject().toStringUtf8());
    assertEquals("web-0", body(created).at("/metadata/name").asText());

    ObjectResponse got = join(client.get(ObjectRequest.newBuilder().setResource("tasks")
        .setNamespace("g1").setName("web-0").build()));
    assertEquals(200, got.getCode());
    assertEquals(body(created).at("/metadata/uid"), body(got).at("/metadata/uid"));

    ObjectResponse missing = join(client.get(ObjectRequest.newBuilder().setResource("tasks")
        .setNamespace("g1").setName("nope-0").build()));
    assertEquals(404, missing.getCode());
    assertEquals("NotFound", body(missing).get("reason").asText());

    ObjectResponse invalid = join(client.create(create("g1", task("web", 1, -2))));
    assertEquals(422, invalid.getCode());
    assertTrue(invalid.getObject().toStringUtf8().contains("cpuLimit"));

    ObjectResponse list = join(client.list(ListRequest.newBuilder().setResource("tasks")
        .setNamespace("g1").build()));
    assertEquals(1, body(list).get("items").size());
  }

  @Test
  void bulkCreateAnswersEveryItemInOrder() {
    int n = 300;
    var response = join(client.bulkCreate((stream, err) -> {
      for (int i = 0; i < n; i++) {
        stream.write(create("bulk", task("batch", i, 0.5)));
      }
      stream.write(create("bulk", task("batch", 0, 0.5)));
      stream.end();
    }));
    assertEquals(n + 1, response.getResultsCount());
    for (int i = 0; i < n; i++) {
      assertEquals(201, response.getResults(i).getCode());
      assertEquals("batch-" + i, body(response.getResults(i)).at("/metadata/name").asText());
    }
    assertEquals(409, response.getResults(n).getCode());
    ObjectResponse list = join(client.list(ListRequest.newBuilder().setResource("tasks")
        .setNamespace("bulk").build()));
    assertEquals(n, body(list).get("items").size());
  }

  @Test
  void watchStreamsChanges() {
    List<JsonNode> events = new CopyOnWriteArrayList<>();
    var stream = join(client.watch(ListRequest.newBuilder().setResource("tasks")
        .setNamespace("gw").build()));
    stream.handler(e -> events.add(RestClient.parse(e.getEvent().toStringUtf8())));
    join(client.create(create("gw", task("w", 0, 1))));
    join(client.delete(ObjectRequest.newBuilder().setResource("tasks").setNamespace("gw")
        .setName("w-0").build()));
    await().atMost(30, TimeUnit.SECONDS).until(() -> events.size() >= 2);
    assertEquals("ADDED", events.get(0).get("type").asText());
    assertEquals("DELETED", events.get(1).get("type").asText());
    assertEquals("w-0", events.get(1).at("/object/metadata/name").asText());
  }

  /** The field the answer's Status names as its first cause. */
  static String causeField(ObjectResponse r) {
    return body(r).at("/details/causes/0/field").asText();
  }

  @Test
  void listAndDeleteOptionsAreCheckedAsOverRest() {
    ObjectResponse negative = join(client.list(ListRequest.newBuilder().setResource("tasks")
        .setNamespace("g2").setLimit(-1).build()));
    assertEquals(400, negative.getCode(), negative.getObject().toStringUtf8());
    assertEquals("limit", causeField(negative));
    ObjectResponse version = join(client.list(ListRequest.newBuilder().setResource("tasks")
        .setNamespace("g2").setResourceVersion("abc").build()));
    assertEquals(400, version.getCode());
    assertEquals("resourceVersion", causeField(version));

    join(client.create(create("g2", task("d", 0, 1))));
    ObjectRequest.Builder delete = ObjectRequest.newBuilder().setResource("tasks")
        .setNamespace("g2").setName("d-0");
    ObjectResponse badRv = join(client.delete(delete.setResourceVersion("x").build()));
    assertEquals(400, badRv.getCode(), badRv.getObject().toStringUtf8());
    ObjectResponse wrongUid = join(client.delete(delete.setResourceVersion("")
        .setObject(ByteString.copyFromUtf8("{\"preconditions\":{\"uid\":\"u\"}}")).build()));
    assertEquals(409, wrongUid.getCode());
    assertEquals("preconditions.uid", causeField(wrongUid));
    ObjectResponse policy = join(client.delete(delete
        .setObject(ByteString.copyFromUtf8("{\"propagationPolicy\":\"Nope\"}")).build()));
    assertEquals(400, policy.getCode());
    assertEquals("propagationPolicy", causeField(policy));
    assertEquals(200, join(client.delete(delete.setObject(ByteString.EMPTY).build())).getCode());
  }
}
