package io.peloton.apiserver.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.service.ObjectSizeLimit;
import io.peloton.apiserver.testing.RestClient;
import io.peloton.apiserver.testing.RestClient.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bad requests are refused the same way on every store: a 4xx Status that names the field at
 * fault, never a 5xx, never silently accepted. Run against each store backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RequestRulesContractTest {
  static final String POOLS = ApiServerContractTest.POOLS;
  static final Duration WATCH_LIMIT = Duration.ofSeconds(3);

  ApiServer server;
  RestClient rest;

  /** The store URL for this run (a fresh store). */
  abstract String storeUrl();

  @BeforeAll
  void startServer() {
    server = ApiServer.start(ApiServerConfig.defaults(storeUrl(), 0)
        .withWatchTimeout(WATCH_LIMIT));
    rest = new RestClient(server.url());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** Asserts a Status with {@code code} whose causes name {@code field}. */
  static void assertFieldError(Response r, int code, String field) {
    assertEquals(code, r.code(), r.body());
    assertEquals("Status", r.json().path("kind").asText(), r.body());
    boolean named = false;
    for (JsonNode cause : r.json().at("/details/causes")) {
      named |= cause.path("field").asText().equals(field);
    }
    assertTrue(named, "no cause names " + field + ": " + r.body());
  }

  private ObjectNode createPool(String name) {
    Response r = rest.post(POOLS, ApiServerContractTest.poolYaml(name, 1), "application/yaml");
    assertEquals(201, r.code(), r.body());
    return (ObjectNode) r.json();
  }

  private static String token(String text) {
    return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void malformedListOptionsAre400NamingTheParameter() {
    // the JDK's URI refuses to send these: over a plain connection, as curl would
    assertFieldError(rest.getUnchecked(POOLS + "?labelSelector=%"), 400, "labelSelector");
    assertFieldError(rest.getUnchecked(POOLS + "?labelSelector=%zz"), 400, "labelSelector");
    assertFieldError(rest.get(POOLS + "?labelSelector=a%20in%20b"), 400, "labelSelector");
    assertFieldError(rest.get(POOLS + "?limit=1&continue=" + token("-1/a")), 400, "continue");
    assertFieldError(rest.get(POOLS + "?limit=1&continue=" + token("99999999999/a")), 400,
        "continue");
    assertFieldError(rest.get(POOLS + "?limit=-1"), 400, "limit");
    assertFieldError(rest.get(POOLS + "?resourceVersion=abc"), 400, "resourceVersion");
    assertFieldError(rest.get(POOLS + "?watch=1&resourceVersion=abc"), 400, "resourceVersion");
    assertFieldError(rest.get(POOLS + "?watch=1&timeoutSeconds=-5"), 400, "timeoutSeconds");
  }

  @Test
  void aWatchLongerThanTheServersLimitEndsAtTheLimit() {
    long start = System.nanoTime();
    try (RestClient.Watch w = rest.watch(POOLS + "?watch=1&timeoutSeconds="
        + Long.MAX_VALUE)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> w.ended);
      assertEquals(200, w.code);
    }
    assertTrue(System.nanoTime() - start >= WATCH_LIMIT.toNanos() / 2,
        "the watch ended at once instead of at the limit");
  }

  @Test
  void deleteHonoursUidAndResourceVersionPreconditions() {
    String name = ApiServerContractTest.unique("del");
    ObjectNode pool = createPool(name);
    String uid = pool.at("/metadata/uid").asText();
    String rv = pool.at("/metadata/resourceVersion").asText();
    String path = POOLS + "/" + name;

    Response wrongUid = rest.deleteWith(path, "{\"preconditions\":{\"uid\":\"other\"}}");
    assertFieldError(wrongUid, 409, "preconditions.uid");
    Response staleRv = rest.deleteWith(path,
        "{\"preconditions\":{\"resourceVersion\":\"" + (Long.parseLong(rv) + 1000) + "\"}}");
    assertFieldError(staleRv, 409, "preconditions.resourceVersion");
    assertFieldError(rest.deleteWith(path, "{\"preconditions\":\"x\"}"), 400, "preconditions");
    assertFieldError(rest.deleteWith(path, "{\"propagationPolicy\":\"Nope\"}"), 400,
        "propagationPolicy");
    assertFieldError(rest.deleteWith(path, "{\"gracePeriodSeconds\":\"soon\"}"), 400,
        "gracePeriodSeconds");
    assertEquals(200, rest.get(path).code(), "a refused delete must leave the object");

    Response ok = rest.deleteWith(path, "{\"propagationPolicy\":\"Background\","
        + "\"preconditions\":{\"uid\":\"" + uid + "\",\"resourceVersion\":\"" + rv + "\"}}");
    assertEquals(200, ok.code(), ok.body());
    assertEquals(404, rest.get(path).code());
  }

  @Test
  void aChangedUidOnPutOrPatchIsAConflict() {
    String name = ApiServerContractTest.unique("uid");
    ObjectNode pool = createPool(name);
    String uid = pool.at("/metadata/uid").asText();
    ObjectNode changed = pool.deepCopy();
    ((ObjectNode) changed.get("metadata")).put("uid", "00000000-0000-4000-8000-000000000000");
    assertFieldError(rest.put(POOLS + "/" + name, changed), 409, "metadata.uid");
    assertFieldError(rest.patch(POOLS + "/" + name,
        "{\"metadata\":{\"uid\":\"x\"}}", "application/merge-patch+json"), 409, "metadata.uid");
    assertEquals(uid, rest.get(POOLS + "/" + name).json().at("/metadata/uid").asText());
    Response same = rest.patch(POOLS + "/" + name, "{\"metadata\":{\"uid\":\"" + uid
        + "\",\"labels\":{\"a\":\"b\"}}}", "application/merge-patch+json");
    assertEquals(200, same.code(), same.body());
  }

  @Test
  void typeFieldsMustBeStringsAndQuantitiesFinite() {
    String name = ApiServerContractTest.unique("typed");
    String jobs = ApiServerContractTest.jobsPath("rules");
    String job = ApiServerContractTest.jobJson(name, 1);
    assertFieldError(rest.post(jobs, job.replace("\"apiVersion\":\"peloton.io/v1\"",
        "\"apiVersion\":[\"peloton.io/v1\"]"), "application/json"), 422, "apiVersion");
    assertFieldError(rest.post(jobs, job.replace("\"kind\":\"Job\"", "\"kind\":[\"Job\"]"),
        "application/json"), 422, "kind");
    assertFieldError(rest.post(jobs, job.replace("\"cpuLimit\":1.0",
        "\"cpuLimit\":18446744073709551616"), "application/json"), 422,
        "spec.defaultConfig.resource.cpuLimit");
    assertEquals(404, rest.get(jobs + "/" + name).code());
  }

  @Test
  void oneObjectSizeLimitOnEveryStore() {
    String name = ApiServerContractTest.unique("big");
    Response tooBig = rest.post(POOLS, withPadding(name, ObjectSizeLimit.MAX_BYTES + 1),
        "application/json");
    assertEquals(413, tooBig.code(), HostileRequestsTest.abbreviated(tooBig.body()));
    assertEquals("RequestEntityTooLarge", tooBig.json().path("reason").asText());
    assertEquals(404, rest.get(POOLS + "/" + name).code());
    Response fits = rest.post(POOLS, withPadding(name, ObjectSizeLimit.MAX_BYTES - 4096),
        "application/json");
    assertEquals(201, fits.code(), HostileRequestsTest.abbreviated(fits.body()));
  }

  private static ObjectNode poolTree(String name) {
    try {
      return (ObjectNode) Codecs.readDocuments(ApiServerContractTest.poolYaml(name, 1)).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pool of about {@code bytes} bytes: its description holds the padding. */
  private static String withPadding(String name, int bytes) {
    ObjectNode pool = poolTree(name);
    ((ObjectNode) pool.get("spec")).put("description", "x".repeat(bytes));
    return RestClient.json(pool);
  }

  @Test
  void writesInTypesAWebPageCanSendAre415() {
    String name = ApiServerContractTest.unique("form");
    String body = RestClient.json(poolTree(name));
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "text/plain; charset=utf-8"}) {
      Response r = rest.post(POOLS, body, type);
      assertEquals(415, r.code(), type + ": " + r.body());
      assertEquals("UnsupportedMediaType", r.json().path("reason").asText());
    }
    assertEquals(415, rest.postWithoutType(POOLS, body).code());
    assertEquals(404, rest.get(POOLS + "/" + name).code());
    assertEquals(201, rest.post(POOLS, body, "application/json; charset=utf-8").code());
  }
}
