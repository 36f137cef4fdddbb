package io.peloton.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the OpenAPI v3 document the API server serves at {@code /openapi/v3}: one structural
 * schema per kind, read from the records by reflection, with enums listed and the numeric bounds
 * admission enforces. Self-recursive types (constraint trees) are shared components.
 */
public final class OpenApiSchemas {
  /** Prefix of component names, in the style of {@code io.k8s.api.core.v1.Pod}. */
  public static final String COMPONENT_PREFIX = "io.peloton.v1.";

  /** Lower bounds admission checks, keyed "Record.field"; true means the bound is exclusive. */
  private static final Map<String, Object[]> MINIMUMS = Map.ofEntries(
      Map.entry("JobSpec.instanceCount", new Object[] {0, false}),
      Map.entry("TaskResources.cpuLimit", new Object[] {0, true}),
      Map.entry("TaskResources.memLimitMb", new Object[] {0, true}),
      Map.entry("TaskResources.diskLimitMb", new Object[] {0, false}),
      Map.entry("TaskResources.gpuLimit", new Object[] {0, false}),
      Map.entry("TaskResources.fdLimit", new Object[] {0, false}),
      Map.entry("PoolResource.reservation", new Object[] {0, false}),
      Map.entry("PoolResource.share", new Object[] {0, true}),
      Map.entry("Sla.priority", new Object[] {0, false}),
      Map.entry("Sla.maximumRunningInstances", new Object[] {0, false}),
      Map.entry("Sla.minimumRunningInstances", new Object[] {0, false}),
      Map.entry("Sla.maxRunningTime", new Object[] {0, false}),
      Map.entry("Sla.maximumUnavailableInstances", new Object[] {0, false}),
      Map.entry("RestartPolicy.maxFailures", new Object[] {0, false}),
      Map.entry("TaskConfig.killGracePeriodSeconds", new Object[] {0, false}),
      Map.entry("LabelConstraint.requirement", new Object[] {0, false}),
      Map.entry("Port.value", new Object[] {0, false}),
      Map.entry("LeaseSpec.leaseDurationSeconds", new Object[] {0, true}));

  private static final Map<String, Integer> MAXIMUMS = Map.of(
      "JobSpec.instanceCount", 100_000,
      "RestartPolicy.maxFailures", 100,
      "Port.value", 65535,
      "PercentLimit.maxPercent", 100);

  private static final ObjectNode DOCUMENT = build();

  private OpenApiSchemas() {}

  /** The whole document: every kind's schema under {@code components.schemas} (a fresh copy). */
  public static ObjectNode document() {
    return DOCUMENT.deepCopy();
  }

  private static ObjectNode build() {
    ObjectNode doc = Codecs.json().createObjectNode();
    doc.put("openapi", "3.0.3");
    doc.putObject("info").put("title", "Peloton-K").put("version", ApiObject.API_VERSION);
    doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    Map<Class<?>, ObjectNode> shared = new LinkedHashMap<>();
    for (ResourceType type : ResourceTypes.ALL) {
      schemas.set(COMPONENT_PREFIX + type.kind(), kindSchema(type, shared));
    }
    // Shared components may themselves reference further shared ones; expand until stable.
    for (int done = 0; done < shared.size(); ) {
      List<Class<?>> pending = List.copyOf(shared.keySet()).subList(done, shared.size());
      for (Class<?> c : pending) {
        if (shared.get(c) == null) {
          shared.put(c, new Builder(shared).record(c, true));
        }
      }
      done += pending.size();
    }
    shared.forEach((c, s) -> schemas.set(COMPONENT_PREFIX + c.getSimpleName(), s));
    return doc;
  }

  /** The schema of one kind (recursive types refer to components of {@link #document()}). */
  public static ObjectNode schemaOf(ResourceType type) {
    return kindSchema(type, new LinkedHashMap<>());
  }

  private static ObjectNode kindSchema(ResourceType type, Map<Class<?>, ObjectNode> shared) {
    ObjectNode schema = new Builder(shared).record(type.javaType(), false);
    ObjectNode props = (ObjectNode) schema.get("properties");
    ((ObjectNode) props.get("apiVersion")).putArray("enum").add(type.apiVersion());
    ((ObjectNode) props.get("kind")).putArray("enum").add(type.kind());
    schema.putArray("x-kubernetes-group-version-kind").addObject()
        .put("group", type.group()).put("version", type.version()).put("kind", type.kind());
    schema.put("x-peloton-scope", type.namespaced() ? "Namespaced" : "Cluster");
    return schema;
  }

  /** Expands one schema, turning a record met again inside itself into a $ref. */
  private static final class Builder {
    private final Map<Class<?>, ObjectNode> shared;
    private final Deque<Class<?>> path = new ArrayDeque<>();

    Builder(Map<Class<?>, ObjectNode> shared) {
      this.shared = shared;
    }

    ObjectNode schema(Type type, String owner, String field) {
      Class<?> raw = RecordShapes.raw(type);
      ObjectNode s = Codecs.json().createObjectNode();
      if (raw == JsonNode.class || raw == Object.class) {
        s.put("x-kubernetes-preserve-unknown-fields", true);
      } else if (raw == String.class) {
        s.put("type", "string");
        if (field != null && (field.endsWith("Time") || field.endsWith("Timestamp"))) {
          s.put("format", "date-time");
        }
      } else if (RecordShapes.isBoolean(raw)) {
        s.put("type", "boolean");
      } else if (RecordShapes.isInteger(raw)) {
        s.put("type", "integer").put("format", raw == Long.class || raw == long.class
            ? "int64" : "int32");
        bounds(s, owner, field);
      } else if (RecordShapes.isFloat(raw)) {
        s.put("type", "number").put("format", "double");
        bounds(s, owner, field);
      } else if (raw.isEnum()) {
        s.put("type", "string");
        ArrayNode values = s.putArray("enum");
        RecordShapes.enumNames(raw).forEach(values::add);
      } else if (List.class.isAssignableFrom(raw)) {
        s.put("type", "array");
        s.set("items", schema(RecordShapes.typeArgument(type, 0), owner, null));
      } else if (Map.class.isAssignableFrom(raw)) {
        s.put("type", "object");
        Class<?> key = RecordShapes.raw(RecordShapes.typeArgument(type, 0));
        if (key.isEnum()) {
          s.put("description", "keys: " + String.join(", ", RecordShapes.enumNames(key)));
        }
        s.set("additionalProperties", schema(RecordShapes.typeArgument(type, 1), owner, null));
      } else if (raw.isRecord()) {
        return record(raw, false);
      } else {
        throw new IllegalStateException("unsupported type in the object model: " + type);
      }
      return s;
    }

    ObjectNode record(Class<?> raw, boolean asComponent) {
      if (path.contains(raw) || (!asComponent && shared.containsKey(raw))) {
        shared.putIfAbsent(raw, null);
        ObjectNode ref = Codecs.json().createObjectNode();
        ref.put("$ref", "#/components/schemas/" + COMPONENT_PREFIX + raw.getSimpleName());
        return ref;
      }
      path.push(raw);
      ObjectNode s = Codecs.json().createObjectNode();
      s.put("type", "object");
      ObjectNode props = s.putObject("properties");
      for (Map.Entry<String, RecordComponent> e : RecordShapes.fields(raw).entrySet()) {
        props.set(e.getKey(), schema(e.getValue().getGenericType(), raw.getSimpleName(), e.getKey()));
      }
      path.pop();
      return s;
    }

    private static void bounds(ObjectNode s, String owner, String field) {
      Object[] min = MINIMUMS.get(owner + "." + field);
      if (min != null) {
        s.put("minimum", (Integer) min[0]);
        if ((Boolean) min[1]) {
          s.put("exclusiveMinimum", true);
        }
      }
      Integer max = MAXIMUMS.get(owner + "." + field);
      if (max != null) {
        s.put("maximum", max);
      }
    }
  }
}
