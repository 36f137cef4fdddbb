package io.peloton.apiserver.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.TaskConditions;
import io.peloton.apiserver.cache.CachedObject;
import io.peloton.apiserver.cache.ObjectCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskBindingSpliceTest {
  private static final String TASK = """
      {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"web-0","namespace":"prod",
       "uid":"u-1","generation":3,"creationTimestamp":"2026-01-01T00:00:00Z",
       "labels":{"host":"not-this-one"}%s},
       "spec":%s,
       "status":{"state":"PENDING","host":"nor-this"}}""";
  private static final String SPEC = """
      {"job":"web","instance":0%s,"config":{"command":{"value":"echo {\\"host\\":1}"}}}""";

  private static byte[] cached(String metadataExtra, String spec) throws Exception {
    ObjectNode tree = (ObjectNode) Codecs.json().readTree(TASK.formatted(metadataExtra, spec));
    return CachedObject.decode(ResourceTypes.TASK, "/registry/tasks/prod/web-0",
        ObjectCodec.storedBytes(tree), 41).json();
  }

  private static final Condition SCHEDULED =
      TaskConditions.boundTo("h", Instant.parse("2026-01-01T00:00:01.5Z"));

  private static byte[] scheduled() throws Exception {
    return Codecs.json().writeValueAsBytes(SCHEDULED);
  }

  /** What the tree path stores for the same binding. */
  private static ObjectNode expected(byte[] cached, String host) throws Exception {
    ObjectNode tree = (ObjectNode) Codecs.json().readTree(cached);
    ObjectNode meta = (ObjectNode) tree.get("metadata");
    meta.remove("resourceVersion");
    meta.put("generation", meta.get("generation").asLong() + 1);
    ((ObjectNode) tree.get("spec")).put("host", host);
    ArrayNode conditions = tree.with("status").withArray("conditions");
    ObjectNode condition = Codecs.json().valueToTree(SCHEDULED);
    int at = 0;
    while (at < conditions.size() && !"Scheduled".equals(conditions.get(at).path("type").asText())) {
      at++;
    }
    if (at < conditions.size()) {
      conditions.set(at, condition);
    } else {
      conditions.insert(0, condition);
    }
    return tree;
  }

  private static void assertBinds(byte[] cached, String host) throws Exception {
    TaskBindingSplice.Result r = TaskBindingSplice.bind(cached, host, scheduled());
    assertEquals(TaskBindingSplice.Outcome.BOUND, r.outcome());
    // compared as re-read trees: field order and number widths are not part of the value
    assertEquals(Codecs.json().readTree(expected(cached, host).toString()),
        Codecs.json().readTree(r.stored()));
    assertEquals(4, r.identity().generation());
    assertEquals("u-1", r.identity().uid());
    assertEquals("prod", r.identity().namespace());
  }

  private static TaskBindingSplice.Outcome outcome(String json) {
    try {
      return TaskBindingSplice.bind(json.getBytes(StandardCharsets.UTF_8), "h", scheduled())
          .outcome();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void bindsAnUnboundTaskLikeTheTreePath() throws Exception {
    assertBinds(cached("", SPEC.formatted("")), "h1");
    assertBinds(cached("", SPEC.formatted(",\"host\":\"\"")), "h1");
    assertBinds(cached("", SPEC.formatted(",\"host\":null")), "h1");
    assertBinds(cached("", SPEC.formatted("")), "odd \"host\" \\ é");
  }

  @Test
  void bindsAnEmptySpec() throws Exception {
    assertBinds(cached("", "{}"), "h2");
  }

  @Test
  void setsTheScheduledConditionWhateverStatusHolds() throws Exception {
    String spec = SPEC.formatted("");
    String failed = "{\"type\":\"Scheduled\",\"status\":\"False\",\"reason\":\"Unschedulable\"}";
    String other = "{\"type\":\"Healthy\",\"status\":\"True\",\"reason\":\"[{x}]\"}";
    for (String status : new String[] {"", "\"status\":{}", "\"status\":{\"state\":\"PENDING\"}",
        "\"status\":{\"conditions\":[]}", "\"status\":{\"conditions\":[" + failed + "]}",
        "\"status\":{\"conditions\":[" + other + "," + failed + "],\"state\":\"PENDING\"}",
        "\"status\":{\"state\":\"PENDING\",\"conditions\":[" + other + "]}"}) {
      String json = "{\"metadata\":{\"resourceVersion\":\"7\",\"name\":\"web-0\",\"uid\":\"u-1\","
          + "\"namespace\":\"prod\",\"generation\":3},\"spec\":" + spec
          + (status.isEmpty() ? "" : "," + status) + "}";
      assertBinds(json.getBytes(StandardCharsets.UTF_8), "h3");
    }
  }

  @Test
  void aBoundTaskStaysWhereItIs() throws Exception {
    byte[] bound = cached("", SPEC.formatted(",\"host\":\"h1\""));
    assertEquals(TaskBindingSplice.Outcome.ALREADY_BOUND,
        TaskBindingSplice.bind(bound, "h1", scheduled()).outcome());
    TaskBindingSplice.Result elsewhere = TaskBindingSplice.bind(bound, "h2", scheduled());
    assertEquals(TaskBindingSplice.Outcome.BOUND_ELSEWHERE, elsewhere.outcome());
    assertEquals("h1", elsewhere.boundHost());
  }

  @Test
  void aDeletingTaskIsNotBound() throws Exception {
    byte[] deleting = cached(",\"deletionTimestamp\":\"2026-01-02T00:00:00Z\"",
        SPEC.formatted(""));
    assertEquals(TaskBindingSplice.Outcome.DELETING,
        TaskBindingSplice.bind(deleting, "h1", scheduled()).outcome());
  }

  @Test
  void unusualShapesFallBackToTheTreePath() {
    assertEquals(TaskBindingSplice.Outcome.UNSUPPORTED,
        outcome("{\"metadata\":{\"name\":\"x\"},\"spec\":{}}"));
    assertEquals(TaskBindingSplice.Outcome.UNSUPPORTED, outcome("[1,2]"));
    assertEquals(TaskBindingSplice.Outcome.UNSUPPORTED,
        outcome("{\"metadata\":{\"resourceVersion\":\"1\",\"name\":\"x\",\"generation\":1}}"));
    assertNotEquals(TaskBindingSplice.Outcome.BOUND, outcome("{not json"));
  }
}
