package io.peloton.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.validation.Admitted;
import io.peloton.api.validation.ObjectAdmission;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiSchemasTest {
  private static final ObjectNode DOC = OpenApiSchemas.document();
  private static final JsonNode SCHEMAS = DOC.at("/components/schemas");

  @Test
  void everyKindHasASchemaWithItsGroupVersionKind() {
    assertEquals("3.0.3", DOC.path("openapi").asText());
    for (ResourceType t : ResourceTypes.ALL) {
      JsonNode s = SCHEMAS.get(OpenApiSchemas.COMPONENT_PREFIX + t.kind());
      assertNotNull(s, t.kind());
      assertEquals(t.kind(), s.at("/x-kubernetes-group-version-kind/0/kind").asText());
      assertEquals(t.kind(), s.at("/properties/kind/enum/0").asText());
      assertEquals("peloton.io/v1", s.at("/properties/apiVersion/enum/0").asText());
    }
  }

  @Test
  void enumsAndBoundsAreListed() {
    JsonNode spec = SCHEMAS.get(OpenApiSchemas.COMPONENT_PREFIX + "Job")
        .at("/properties/spec/properties");
    assertEquals("[\"BATCH\",\"SERVICE\",\"DAEMON\",\"STATEFUL\"]", spec.at("/type/enum").toString());
    assertEquals(100000, spec.at("/instanceCount/maximum").asInt());
    JsonNode cpu = spec.at("/defaultConfig/properties/resource/properties/cpuLimit");
    assertEquals("number", cpu.path("type").asText());
    assertTrue(cpu.path("exclusiveMinimum").asBoolean());
    JsonNode pool = SCHEMAS.get(OpenApiSchemas.COMPONENT_PREFIX + "ResourcePool");
    assertEquals("cpu", pool.at("/properties/spec/properties/resources/items/properties/kind/enum/0")
        .asText());
    assertEquals("date-time", pool.at("/properties/metadata/properties/creationTimestamp/format")
        .asText());
  }

  @Test
  void recursiveConstraintTreesUseASharedComponent() {
    JsonNode constraint = SCHEMAS.get(OpenApiSchemas.COMPONENT_PREFIX + "Constraint");
    assertNotNull(constraint);
    assertEquals("#/components/schemas/io.peloton.v1.Constraint",
        constraint.at("/properties/andConstraint/properties/constraints/items/$ref").asText());
  }

  @Test
  void schemaIsStructuralEveryNodeHasATypeOrARef() {
    List<String> untyped = new ArrayList<>();
    SCHEMAS.fields().forEachRemaining(e -> checkTyped(e.getValue(), e.getKey(), untyped));
    assertTrue(untyped.isEmpty(), untyped.toString());
  }

  @Test
  void everyFieldOfEverySampleIsDescribed() throws Exception {
    Map<ResourceType, String> samples = Map.of(
        ResourceTypes.RESOURCE_POOL, "resourcepool.yaml", ResourceTypes.JOB, "job.yaml",
        ResourceTypes.TASK, "task.yaml", ResourceTypes.HOST, "host.yaml",
        ResourceTypes.HOST_MAINTENANCE, "hostmaintenance.yaml", ResourceTypes.EVENT, "event.yaml",
        ResourceTypes.LEASE, "lease.yaml");
    for (Map.Entry<ResourceType, String> e : samples.entrySet()) {
      String text;
      try (InputStream in = getClass().getResourceAsStream("/samples/" + e.getValue())) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Admitted a = ObjectAdmission.admit(e.getKey(), Codecs.readDocuments(text).get(0));
      assertTrue(a.ok(), a.errors()::toString);
      List<String> undescribed = new ArrayList<>();
      describe(a.object(), SCHEMAS.get(OpenApiSchemas.COMPONENT_PREFIX + e.getKey().kind()), "",
          undescribed);
      assertTrue(undescribed.isEmpty(), e.getKey().kind() + ": " + undescribed);
    }
  }

  @Test
  void schemaOfOneKindMatchesTheDocument() {
    assertEquals(SCHEMAS.get(OpenApiSchemas.COMPONENT_PREFIX + "Host"),
        OpenApiSchemas.schemaOf(ResourceTypes.HOST));
  }

  private static JsonNode resolve(JsonNode schema) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asText().substring("#/components/schemas/".length());
      JsonNode target = SCHEMAS.get(name);
      assertNotNull(target, "dangling " + schema.get("$ref"));
      return target;
    }
    return schema;
  }

  private static void describe(JsonNode value, JsonNode schema, String path, List<String> out) {
    if (schema == null) {
      out.add(path);
      return;
    }
    schema = resolve(schema);
    String type = schema.path("type").asText();
    if (value.isObject()) {
      if (schema.has("properties")) {
        JsonNode props = schema.get("properties");
        value.fields().forEachRemaining(f ->
            describe(f.getValue(), props.get(f.getKey()), path + "." + f.getKey(), out));
      } else if (schema.has("additionalProperties")) {
        JsonNode items = schema.get("additionalProperties");
        value.fields().forEachRemaining(f ->
            describe(f.getValue(), items, path + "[" + f.getKey() + "]", out));
      } else {
        out.add(path + " (object without properties)");
      }
    } else if (value.isArray()) {
      assertEquals("array", type, path);
      for (int i = 0; i < value.size(); i++) {
        describe(value.get(i), schema.get("items"), path + "[" + i + "]", out);
      }
    } else if (value.isTextual()) {
      assertEquals("string", type, path);
      if (schema.has("enum")) {
        List<String> allowed = new ArrayList<>();
        schema.get("enum").forEach(v -> allowed.add(v.asText()));
        assertTrue(allowed.contains(value.asText()), path);
      }
    } else if (value.isNumber()) {
      assertTrue(type.equals("number") || type.equals("integer"), path);
    } else if (value.isBoolean()) {
      assertEquals("boolean", type, path);
    }
  }

  private static void checkTyped(JsonNode schema, String path, List<String> out) {
    if (!schema.has("type") && !schema.has("$ref")
        && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
      out.add(path);
    }
    JsonNode props = schema.get("properties");
    if (props != null) {
      assertFalse(props.isEmpty(), path);
      props.fields().forEachRemaining(e -> checkTyped(e.getValue(), path + "." + e.getKey(), out));
    }
    if (schema.has("items")) {
      checkTyped(schema.get("items"), path + "[]", out);
    }
    if (schema.has("additionalProperties")) {
      checkTyped(schema.get("additionalProperties"), path + "{}", out);
    }
  }
}
