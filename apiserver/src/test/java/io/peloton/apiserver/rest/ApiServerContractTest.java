package io.peloton.apiserver.rest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.testing.RestClient;
import io.peloton.apiserver.testing.RestClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The REST contract of the API server, run against each store backend over real HTTP: every
 * behaviour a Kubernetes client relies on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiServerContractTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  static final String POOLS = "/apis/peloton.io/v1/resourcepools";

  ApiServer server;
  RestClient rest;

  /** The store URL for this run (a fresh store). */
  abstract String storeUrl();

  @BeforeAll
  void startServer() {
    server = ApiServer.start(ApiServerConfig.defaults(storeUrl(), 0)
        .withBookmarkInterval(Duration.ofMillis(300)));
    rest = new RestClient(server.url());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  static String unique(String prefix) {
    return prefix + "-" + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
  }

  static String poolYaml(String name, double reservation) {
    return """
        apiVersion: peloton.io/v1
        kind: ResourcePool
        metadata:
          name: %s
          labels:
            team: %s
        spec:
          parent: /
          resources:
          - kind: cpu
            reservation: %s
            limit: 100
            share: 1
        """.formatted(name, name, reservation);
  }

  static String jobsPath(String ns) {
    return "/apis/peloton.io/v1/namespaces/" + ns + "/jobs";
  }

  static String jobJson(String name, double cpu) {
    return """
        {"apiVersion":"peloton.io/v1","kind":"Job","metadata":{"name":"%s"},
         "spec":{"type":"BATCH","respool":"/pool","instanceCount":2,
           "defaultConfig":{"resource":{"cpuLimit":%s,"memLimitMb":64},
             "command":{"value":"echo hi"}}}}""".formatted(name, cpu);
  }

  Response createPool(String name) {
    Response r = rest.post(POOLS, poolYaml(name, 10), "application/yaml");
    assertEquals(201, r.code(), r.body());
    return r;
  }

  @Test
  void yamlPostComesBackAsJsonWithServerFields() {
    String name = unique("pool");
    Response r = createPool(name);
    assertTrue(r.contentType().startsWith("application/json"));
    JsonNode meta = r.json().get("metadata");
    assertEquals(name, meta.get("name").asText());
    assertFalse(meta.path("uid").asText().isEmpty());
    assertFalse(meta.path("resourceVersion").asText().isEmpty());
    assertEquals(1, meta.path("generation").asLong());
    assertFalse(meta.path("creationTimestamp").asText().isEmpty());

    Response got = rest.get(POOLS + "/" + name);
    assertEquals(200, got.code());
    assertEquals(meta.get("uid"), got.json().get("metadata").get("uid"));
    assertEquals(meta.get("resourceVersion"), got.json().get("metadata").get("resourceVersion"));
  }

  @Test
  void createOfAnExistingNameIsAlreadyExists() {
    String name = unique("pool");
    createPool(name);
    Response again = rest.post(POOLS, poolYaml(name, 10), "application/yaml");
    assertEquals(409, again.code());
    assertEquals("AlreadyExists", again.json().get("reason").asText());
    assertEquals("Status", again.json().get("kind").asText());
  }

  @Test
  void putWithStaleResourceVersionIsConflict() {
    String name = unique("pool");
    ObjectNode created = (ObjectNode) createPool(name).json();
    ObjectNode first = created.deepCopy();
    ((ObjectNode) first.at("/spec/resources/0")).put("reservation", 20);
    Response ok = rest.put(POOLS + "/" + name, first);
    assertEquals(200, ok.code(), ok.body());
    assertEquals(2, ok.json().at("/metadata/generation").asLong());

    ObjectNode stale = created.deepCopy();
    ((ObjectNode) stale.at("/spec/resources/0")).put("reservation", 30);
    Response conflict = rest.put(POOLS + "/" + name, stale);
    assertEquals(409, conflict.code());
    assertEquals("Conflict", conflict.json().get("reason").asText());
    assertEquals(20, rest.get(POOLS + "/" + name).json().at("/spec/resources/0/reservation")
        .asDouble());
  }

  @Test
  void oneInvalidResponseNamesEveryProblem() {
    String body = """
        {"apiVersion":"peloton.io/v1","kind":"Job","metadata":{"name":"bad"},
         "spec":{"type":"BATCH","respool":"/pool","instanceCount":1, "instancecout": 3,
           "defaultConfig":{"resource":{"cpuLimit":-1,"memLimitMb":64},
             "command":{"value":"echo hi"}}}}""";
    Response r = rest.post(jobsPath("default"), body, "application/json");
    assertEquals(422, r.code(), r.body());
    assertEquals("Invalid", r.json().get("reason").asText());
    Set<String> fields = new HashSet<>();
    r.json().at("/details/causes").forEach(c -> fields.add(c.get("field").asText()));
    assertTrue(fields.contains("spec.instancecout"), fields.toString());
    assertTrue(fields.contains("spec.defaultConfig.resource.cpuLimit"), fields.toString());
    assertTrue(r.json().get("message").asText().contains("cpuLimit"));
  }

  @Test
  void missingObjectIsNotFoundStatus() {
    Response r = rest.get(POOLS + "/does-not-exist");
    assertEquals(404, r.code());
    assertEquals("Status", r.json().get("kind").asText());
    assertEquals("NotFound", r.json().get("reason").asText());
    assertEquals(404, r.json().get("code").asInt());
  }

  @Test
  void badRequestsGetStatusesNeverServerErrors() {
    List<Response> responses = new ArrayList<>();
    responses.add(rest.post(POOLS, "{not json", "application/json"));
    responses.add(rest.post(POOLS, "a: [b", "application/yaml"));
    responses.add(rest.post(POOLS, "[1,2]", "application/json"));
    responses.add(rest.post(POOLS, "", "application/json"));
    responses.add(rest.get(POOLS + "?labelSelector=a%20in%20b"));
    responses.add(rest.get(POOLS + "?limit=abc"));
    responses.add(rest.get(POOLS + "?watch=true&resourceVersion=xyz"));
    responses.add(rest.get("/apis/peloton.io/v1/nosuchthings"));
    responses.add(rest.get("/apis/peloton.io/v1/namespaces/BAD_NS/jobs"));
    responses.add(rest.post(jobsPath("default"), "{\"kind\":\"ResourcePool\"}",
        "application/json"));
    responses.add(rest.patch(POOLS + "/x", "[]", "application/json-patch+json"));
    responses.add(rest.post(POOLS, "{\"a\":1,\"a\":2}", "application/json"));
    for (Response r : responses) {
      assertTrue(r.code() >= 400 && r.code() < 500, r.code() + " " + r.body());
      assertEquals("Status", r.json().get("kind").asText(), r.body());
      assertFalse(r.body().contains("at io.") || r.body().contains("Exception"), r.body());
    }
  }

  @Test
  void statusSubresourceKeepsSpecAndStatusApart() {
    String name = unique("pool");
    createPool(name);
    ObjectNode obj = (ObjectNode) rest.get(POOLS + "/" + name).json();
    obj.putObject("status").put("path", "/" + name);
    Response st = rest.put(POOLS + "/" + name + "/status", obj);
    assertEquals(200, st.code(), st.body());
    assertEquals("/" + name, st.json().at("/status/path").asText());
    assertEquals(1, st.json().at("/metadata/generation").asLong(), "status must not move generation");

    // a spec write ignores status in the body and keeps the stored one
    ObjectNode specWrite = (ObjectNode) st.json().deepCopy();
    ((ObjectNode) specWrite.at("/spec/resources/0")).put("reservation", 12);
    ((ObjectNode) specWrite.get("status")).put("path", "/elsewhere");
    Response sp = rest.put(POOLS + "/" + name, specWrite);
    assertEquals(200, sp.code(), sp.body());
    assertEquals("/" + name, sp.json().at("/status/path").asText());
    assertEquals(2, sp.json().at("/metadata/generation").asLong());

    // a status write ignores spec in the body
    ObjectNode statusWrite = (ObjectNode) sp.json().deepCopy();
    ((ObjectNode) statusWrite.at("/spec/resources/0")).put("reservation", 99);
    Response st2 = rest.put(POOLS + "/" + name + "/status", statusWrite);
    assertEquals(200, st2.code(), st2.body());
    assertEquals(12, st2.json().at("/spec/resources/0/reservation").asDouble());
    assertEquals(2, st2.json().at("/metadata/generation").asLong());
  }

  @Test
  void mergePatchChangesOnlyWhatItNames() {
    String name = unique("pool");
    createPool(name);
    Response r = rest.patch(POOLS + "/" + name,
        "{\"metadata\":{\"labels\":{\"tier\":\"gold\"}},\"spec\":{\"description\":\"x\"}}",
        "application/merge-patch+json");
    assertEquals(200, r.code(), r.body());
    assertEquals("gold", r.json().at("/metadata/labels/tier").asText());
    assertEquals(name, r.json().at("/metadata/labels/team").asText());
    assertEquals("x", r.json().at("/spec/description").asText());
    assertEquals(10, r.json().at("/spec/resources/0/reservation").asDouble());
  }

  @Test
  void applyCreatesThenReportsUnchangedThenConfigured() {
    String name = unique("pool");
    String yaml = poolYaml(name, 5);
    Response created = rest.patch(POOLS + "/" + name, yaml, "application/apply-patch+yaml");
    assertEquals(201, created.code(), created.body());
    Response same = rest.patch(POOLS + "/" + name, yaml, "application/apply-patch+yaml");
    assertEquals(200, same.code());
    assertEquals(created.json().at("/metadata/resourceVersion"),
        same.json().at("/metadata/resourceVersion"), "unchanged apply must not write");
    Response changed = rest.patch(POOLS + "/" + name, poolYaml(name, 6),
        "application/apply-patch+yaml");
    assertEquals(200, changed.code());
    assertNotEquals(created.json().at("/metadata/resourceVersion"),
        changed.json().at("/metadata/resourceVersion"));
    assertEquals(2, changed.json().at("/metadata/generation").asLong());
  }

  @Test
  void listsFilterBySelectorsAndPage() {
    String ns = unique("ns");
    for (int i = 0; i < 7; i++) {
      String body = jobJson("job-" + i, 1).replace("\"name\":\"job-" + i + "\"",
          "\"name\":\"job-" + i + "\",\"labels\":{\"parity\":\"" + (i % 2 == 0 ? "even" : "odd")
              + "\"}");
      assertEquals(201, rest.post(jobsPath(ns), body, "application/json").code());
    }
    Response all = rest.get(jobsPath(ns));
    assertEquals(200, all.code());
    assertEquals("JobList", all.json().get("kind").asText());
    assertEquals(7, all.json().get("items").size());
    assertEquals(4, rest.get(jobsPath(ns) + "?labelSelector=parity%3Deven").json()
        .get("items").size());
    assertEquals(3, rest.get(jobsPath(ns) + "?labelSelector=parity%20notin%20(even)").json()
        .get("items").size());
    assertEquals(1, rest.get(jobsPath(ns) + "?fieldSelector=metadata.name%3Djob-3").json()
        .get("items").size());

    List<String> names = new ArrayList<>();
    String next = "";
    int pages = 0;
    do {
      Response page = rest.get(jobsPath(ns) + "?limit=3" + (next.isEmpty() ? "" : "&continue="
          + next));
      assertEquals(200, page.code(), page.body());
      page.json().get("items").forEach(o -> names.add(o.at("/metadata/name").asText()));
      next = page.json().at("/metadata/continue").asText("");
      pages++;
      if (pages == 1) {
        // a write after the first page must not show up in later pages
        assertEquals(201, rest.post(jobsPath(ns), jobJson("job-9", 1), "application/json")
            .code());
      }
    } while (!next.isEmpty());
    assertEquals(List.of("job-0", "job-1", "job-2", "job-3", "job-4", "job-5", "job-6"), names);
    assertEquals(3, pages);
  }

  @Test
  void yamlOutputOnRequest() {
    String name = unique("pool");
    createPool(name);
    Response r = rest.getYaml(POOLS + "/" + name);
    assertEquals(200, r.code());
    assertTrue(r.contentType().contains("yaml"));
    assertTrue(r.body().contains("kind: ResourcePool"), r.body());
  }

  @Test
  void watchFromOldResourceVersionReplaysEveryLaterChangeInOrder() {
    String name = unique("pool");
    long start = Long.parseLong(createPool(name).json().at("/metadata/resourceVersion").asText());
    for (int i = 1; i <= 3; i++) {
      assertEquals(200, rest.patch(POOLS + "/" + name,
          "{\"spec\":{\"description\":\"v" + i + "\"}}", "application/merge-patch+json").code());
    }
    assertEquals(200, rest.delete(POOLS + "/" + name).code());
    try (RestClient.Watch w = rest.watch(POOLS + "?watch=true&resourceVersion=" + start
        + "&fieldSelector=metadata.name%3D" + name)) {
      List<JsonNode> got = take(w, 4);
      assertEquals(List.of("MODIFIED", "MODIFIED", "MODIFIED", "DELETED"),
          got.stream().map(e -> e.get("type").asText()).toList());
      assertEquals("v3", got.get(2).at("/object/spec/description").asText());
      long prev = start;
      for (JsonNode e : got) {
        long rv = Long.parseLong(e.at("/object/metadata/resourceVersion").asText());
        assertTrue(rv > prev, "events must come in revision order");
        prev = rv;
      }
    }
  }

  @Test
  void watchSeesLiveChangesAndBookmarks() {
    String name = unique("pool");
    try (RestClient.Watch w = rest.watch(POOLS + "?watch=1&allowWatchBookmarks=true"
        + "&labelSelector=team%3D" + name)) {
      await().atMost(30, TimeUnit.SECONDS).until(() -> w.code == 200);
      createPool(name);
      JsonNode added = next(w, "ADDED");
      assertEquals(name, added.at("/object/metadata/name").asText());
      // a change this watcher does not see still advances it, through a bookmark
      long other = Long.parseLong(createPool(unique("other")).json()
          .at("/metadata/resourceVersion").asText());
      JsonNode bookmark = next(w, "BOOKMARK");
      assertTrue(Long.parseLong(bookmark.at("/object/metadata/resourceVersion").asText())
          >= other);
      // dropping the label makes the object leave this watcher's view
      rest.patch(POOLS + "/" + name, "{\"metadata\":{\"labels\":{\"team\":null}}}",
          "application/merge-patch+json");
      assertEquals(name, next(w, "DELETED").at("/object/metadata/name").asText());
    }
  }

  @Test
  void watchWithoutResourceVersionStartsWithCurrentObjects() {
    String name = unique("pool");
    createPool(name);
    try (RestClient.Watch w = rest.watch(POOLS + "?watch=true&fieldSelector=metadata.name%3D"
        + name)) {
      assertEquals(name, next(w, "ADDED").at("/object/metadata/name").asText());
    }
  }

  @Test
  void watchAtCompactedRevisionIsGone() {
    String name = unique("pool");
    long old = Long.parseLong(createPool(name).json().at("/metadata/resourceVersion").asText());
    Response later = rest.patch(POOLS + "/" + name, "{\"spec\":{\"description\":\"later\"}}",
        "application/merge-patch+json");
    long now = Long.parseLong(later.json().at("/metadata/resourceVersion").asText());
    server.compact(now);
    Response gone = rest.get(POOLS + "?watch=true&resourceVersion=" + old);
    assertEquals(410, gone.code(), gone.body());
    assertEquals("Expired", gone.json().get("reason").asText());
  }

  @Test
  void finalizersHoldDeletionUntilRemoved() {
    String name = unique("pool");
    createPool(name);
    rest.patch(POOLS + "/" + name, "{\"metadata\":{\"finalizers\":[\"peloton.io/test\"]}}",
        "application/merge-patch+json");
    Response del = rest.delete(POOLS + "/" + name);
    assertEquals(200, del.code(), del.body());
    JsonNode held = rest.get(POOLS + "/" + name).json();
    assertFalse(held.at("/metadata/deletionTimestamp").asText().isEmpty());
    Response release = rest.patch(POOLS + "/" + name, "{\"metadata\":{\"finalizers\":null}}",
        "application/merge-patch+json");
    assertEquals(200, release.code(), release.body());
    assertEquals(404, rest.get(POOLS + "/" + name).code());
  }

  @Test
  void bulkCreateReportsEachItem() {
    String ns = unique("bulk");
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      items.append(i == 0 ? "" : ",").append(jobJson("j" + i, 1));
    }
    items.append(",").append(jobJson("j0", 1)).append(",").append(jobJson("neg", -1));
    Response r = rest.post(jobsPath(ns), "{\"kind\":\"JobList\",\"items\":[" + items + "]}",
        "application/json");
    assertEquals(200, r.code(), r.body());
    JsonNode results = r.json().get("items");
    assertEquals(52, results.size());
    for (int i = 0; i < 50; i++) {
      assertEquals("Job", results.get(i).get("kind").asText());
    }
    assertEquals("AlreadyExists", results.get(50).get("reason").asText());
    assertEquals("Invalid", results.get(51).get("reason").asText());
    assertEquals(50, rest.get(jobsPath(ns)).json().get("items").size());
  }

  /** Creates Tasks {@code job-0..n-1} of one job; returns their resourceVersions. */
  private List<String> createTasks(String tasksPath, String job, int n) {
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Response r = rest.post(tasksPath, """
          {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"%s-%d"},
           "spec":{"job":"%s","instance":%d,"config":{"resource":{"cpuLimit":1,"memLimitMb":32},
             "command":{"value":"true"}}}}""".formatted(job, i, job, i), "application/json");
      assertEquals(201, r.code(), r.body());
      versions.add(r.json().at("/metadata/resourceVersion").asText());
    }
    return versions;
  }

  @Test
  void taskBindingsAreConflictCheckedPerTask() {
    String ns = unique("bind");
    String tasks = "/apis/peloton.io/v1/namespaces/" + ns + "/tasks";
    List<String> versions = createTasks(tasks, "web", 3);
    // bindings are checked against the watch cache: wait until it holds the three tasks
    await().atMost(30, TimeUnit.SECONDS).until(() ->
        rest.get(tasks + "?resourceVersion=0").json().get("items").size() == 3);
    String body = """
        {"kind":"TaskBindingList","items":[
          {"name":"web-0","host":"h1","resourceVersion":"%s"},
          {"name":"web-1","host":"h2","resourceVersion":"1"},
          {"name":"web-2","host":"h3"},
          {"name":"web-9","host":"h1"}]}""".formatted(versions.get(0));
    Response r = rest.post("/apis/peloton.io/v1/namespaces/" + ns + "/taskbindings", body,
        "application/json");
    assertEquals(200, r.code(), r.body());
    JsonNode results = r.json().get("items");
    assertEquals("web-0", results.get(0).at("/metadata/name").asText());
    assertEquals("Conflict", results.get(1).get("reason").asText(), "stale version");
    assertEquals("web-2", results.get(2).at("/metadata/name").asText());
    assertEquals("NotFound", results.get(3).get("reason").asText());
    JsonNode bound = rest.get(tasks + "/web-0").json();
    assertEquals("h1", bound.at("/spec/host").asText());
    assertEquals("Scheduled", bound.at("/status/conditions/0/type").asText(), bound.toString());
    assertEquals("True", bound.at("/status/conditions/0/status").asText());
    assertEquals("bound to host h1", bound.at("/status/conditions/0/message").asText());
    assertEquals(bound.at("/metadata/resourceVersion").asText(),
        results.get(0).at("/metadata/resourceVersion").asText(), "one write: spec and condition");
    assertEquals("Task", results.get(0).path("kind").asText(), results.get(0).toString());
    assertEquals(bound.at("/metadata/uid").asText(), results.get(0).at("/metadata/uid").asText());
    assertEquals(2, results.get(0).at("/metadata/generation").asInt());
    assertEquals(bound.at("/metadata/creationTimestamp").asText(),
        results.get(0).at("/metadata/creationTimestamp").asText());
    assertEquals("", rest.get(tasks + "/web-1").json().at("/spec/host").asText(""));
    assertEquals("h3", rest.get(tasks + "/web-2").json().at("/spec/host").asText());

    // a bound task is not silently moved elsewhere
    await().atMost(30, TimeUnit.SECONDS).until(() -> rest.get(tasks + "?resourceVersion=0")
        .json().toString().contains("\"h3\""));
    Response again = rest.post("/apis/peloton.io/v1/namespaces/" + ns + "/taskbindings",
        "{\"items\":[{\"name\":\"web-2\",\"host\":\"h4\"}]}", "application/json");
    assertEquals("Conflict", again.json().at("/items/0/reason").asText(), again.body());

    // bad lists are 400s that say what is wrong
    String bindings = "/apis/peloton.io/v1/namespaces/" + ns + "/taskbindings";
    Response duplicate = rest.post(bindings,
        "{\"items\":[{\"name\":\"web-2\",\"name\":\"web-1\",\"host\":\"h4\"}]}",
        "application/json");
    assertEquals(400, duplicate.code(), duplicate.body());
    assertTrue(duplicate.body().contains("items[0].name"), duplicate.body());
    Response badVersion = rest.post(bindings,
        "{\"items\":[{\"name\":\"web-2\",\"host\":\"h4\",\"resourceVersion\":\"x\"}]}",
        "application/json");
    assertEquals(400, badVersion.code(), badVersion.body());
    assertTrue(badVersion.body().contains("resourceVersion"), badVersion.body());
    Response noItems = rest.post(bindings, "{\"kind\":\"TaskBindingList\"}", "application/json");
    assertEquals(400, noItems.code(), noItems.body());
    Response broken = rest.post(bindings, "{\"items\":[{\"name\":", "application/json");
    assertEquals(400, broken.code(), broken.body());
    Response empty = rest.post(bindings, "", "application/json");
    assertEquals(400, empty.code(), empty.body());

    // YAML lists are read by the same reader: web-1 is bound, a repeated key is refused
    Response yaml = rest.post(bindings, "items:\n- {name: web-1, host: h2}\n", "application/yaml");
    assertEquals(200, yaml.code(), yaml.body());
    assertEquals("web-1", yaml.json().at("/items/0/metadata/name").asText(), yaml.body());
    assertEquals("h2", rest.get(tasks + "/web-1").json().at("/spec/host").asText());
    Response repeated = rest.post(bindings,
        "items:\n- {name: web-1, name: web-2, host: h2}\n", "application/yaml");
    assertEquals(400, repeated.code(), repeated.body());
  }

  @Test
  void taskStatusPatchesAreConflictCheckedAndValidatedPerTask() {
    String ns = unique("stat");
    String tasks = "/apis/peloton.io/v1/namespaces/" + ns + "/tasks";
    List<String> versions = createTasks(tasks, "api", 4);
    String body = """
        {"kind":"TaskStatusPatchList","items":[
          {"name":"api-0","resourceVersion":"%s","status":{"state":"LAUNCHED","runId":1,"host":"h1"}},
          {"name":"api-1","resourceVersion":"1","status":{"state":"RUNNING"}},
          {"name":"api-2","status":{"state":"NOT_A_STATE"}},
          {"name":"api-3","status":{"state":"RUNNING","runId":1}},
          {"name":"api-9","status":{"state":"RUNNING"}},
          {"name":"api-0","status":"RUNNING"}]}""".formatted(versions.get(0));
    Response r = rest.post("/apis/peloton.io/v1/namespaces/" + ns + "/taskstatuses", body,
        "application/json");
    assertEquals(200, r.code(), r.body());
    JsonNode results = r.json().get("items");
    assertEquals("LAUNCHED", results.get(0).at("/status/state").asText(), r.body());
    assertEquals(rest.get(tasks + "/api-0").json().at("/metadata/resourceVersion").asText(),
        results.get(0).at("/metadata/resourceVersion").asText(), "its new version comes back");
    assertTrue(results.get(0).path("spec").isMissingNode(), "spec is as the caller saw it");
    assertEquals("Conflict", results.get(1).get("reason").asText(), "stale version");
    assertEquals("Invalid", results.get(2).get("reason").asText());
    assertTrue(results.get(2).toString().contains("status.state"), results.get(2).toString());
    assertEquals("RUNNING", results.get(3).at("/status/state").asText(), "no version: current");
    assertEquals("NotFound", results.get(4).get("reason").asText());
    assertEquals("Invalid", results.get(5).get("reason").asText());
    assertEquals("h1", rest.get(tasks + "/api-0").json().at("/status/host").asText());
    assertEquals("", rest.get(tasks + "/api-1").json().at("/status/state").asText(""));
    assertEquals("", rest.get(tasks + "/api-2").json().at("/status/state").asText(""));

    Response notPost = rest.get("/apis/peloton.io/v1/namespaces/" + ns + "/taskstatuses");
    assertEquals(405, notPost.code(), notPost.body());
  }

  @Test
  void discoveryHealthAndMetrics() {
    JsonNode resources = rest.get("/apis/peloton.io/v1").json().get("resources");
    Set<String> names = new HashSet<>();
    resources.forEach(r -> names.add(r.get("name").asText()));
    assertTrue(names.containsAll(Set.of("jobs", "jobs/status", "resourcepools", "tasks", "hosts",
        "hostmaintenances", "events", "leases")), names.toString());
    assertEquals("peloton.io", rest.get("/apis").json().at("/groups/0/name").asText());
    assertEquals(200, rest.get("/healthz").code());
    assertEquals(200, rest.get("/readyz").code());
    assertNotNull(rest.get("/version").json().get("gitVersion"));
    assertTrue(rest.get("/openapi/v3").json().toString().contains("ResourcePool"));
    rest.get(POOLS);
    String metrics = rest.get("/metrics").body();
    assertTrue(metrics.contains("apiserver_request_total"), metrics);
    assertTrue(metrics.contains("apiserver_watch_cache_objects"), metrics);
  }

  private static JsonNode next(RestClient.Watch w, String type) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        JsonNode e = w.events.poll(500, TimeUnit.MILLISECONDS);
        if (e != null && e.get("type").asText().equals(type)) {
          return e;
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ex);
      }
    }
    throw new AssertionError("no " + type + " event within 30 s");
  }

  private static List<JsonNode> take(RestClient.Watch w, int n) {
    List<JsonNode> out = new ArrayList<>();
    await().atMost(30, TimeUnit.SECONDS).until(() -> {
      w.events.drainTo(out);
      return out.size() >= n;
    });
    return out;
  }
}
