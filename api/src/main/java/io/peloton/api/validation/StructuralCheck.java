package io.peloton.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.schema.RecordShapes;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Walks JSON against the record type it should decode into and reports every unknown field,
 * wrong JSON type and unsupported enum value with its full path. It returns a cleaned copy
 * without the offending parts, so the rest can still be decoded and checked: all problems of an
 * object are found in one pass.
 */
final class StructuralCheck {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** The largest magnitude a quantity may have: 2^53, the end of the exact integers of double. */
  static final long MAX_EXACT_QUANTITY = 1L << 53;

  private StructuralCheck() {}

  /** The cleaned node, or null when the whole node must be dropped. */
  static JsonNode clean(JsonNode node, Type type, String path, FieldErrors errors) {
    return clean(node, type, new FieldPath(null, path, false), errors);
  }

  /**
   * A field path rendered only when an error needs it: building the text of every path of
   * every object admitted cost more than the rest of the check.
   */
  private record FieldPath(FieldPath parent, String name, boolean indexed) {
    @Override
    public String toString() {
      if (parent == null) {
        return name;
      }
      String base = parent.toString();
      return indexed ? index(base, name) : child(base, name);
    }
  }

  private static JsonNode clean(JsonNode node, Type type, FieldPath path, FieldErrors errors) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return node == null ? null : NODES.nullNode();
    }
    Class<?> raw = RecordShapes.raw(type);
    switch (kindOf(type, raw)) {
      case ANY -> {
        return node;
      }
      case STRING -> {
        return accept(node.isTextual(), node, path, "a string", errors);
      }
      case BOOLEAN -> {
        return accept(node.isBoolean(), node, path, "a boolean (true or false)", errors);
      }
      case FLOAT -> {
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
          // YAML has .nan and .inf; no quantity in the model can be either
          errors.invalid(path.toString(), node.asText(), "must be a finite number");
          return null;
        }
        if (!node.isNumber()) {
          return accept(false, node, path, "a number", errors);
        }
        if (Math.abs(node.doubleValue()) > MAX_EXACT_QUANTITY) {
          // 2^64 cores is a typo or an overflow, never a limit; beyond 2^53 a double does not
          // even hold the number typed (and Mesos' fixed-point scalars stop near 2^53)
          errors.invalid(path.toString(), node.asText(),
              "must be at most " + MAX_EXACT_QUANTITY + " in magnitude");
          return null;
        }
        // a quantity is stored in one form whatever was typed (16 and 16.0 are the same limit)
        return node.isDouble() ? node : NODES.numberNode(node.doubleValue());
      }
      case INTEGER -> {
        return integer(node, raw, path, errors);
      }
      case ENUM -> {
        return enumValue(node, raw, path, errors);
      }
      case RECORD -> {
        return record(node, raw, path, errors);
      }
      case LIST -> {
        return list(node, RecordShapes.typeArgument(type, 0), path, errors);
      }
      case MAP -> {
        return map(node, RecordShapes.typeArgument(type, 0), RecordShapes.typeArgument(type, 1),
            path, errors);
      }
      default -> {
        // UNSUPPORTED, below
      }
    }
    throw new IllegalStateException("unsupported type in the object model: " + type);
  }

  /** What a model type is, for the check (and for {@link RecordDecoder}). */
  enum Kind { ANY, STRING, BOOLEAN, FLOAT, INTEGER, ENUM, RECORD, LIST, MAP, UNSUPPORTED }

  /** Kinds by type: worked out once (Class.isRecord and friends cost, per field of every object). */
  private static final Map<Type, Kind> KINDS = new ConcurrentHashMap<>();

  static Kind kindOf(Type type, Class<?> raw) {
    Kind k = KINDS.get(type);
    return k != null ? k : KINDS.computeIfAbsent(type, t -> classify(raw));
  }

  private static Kind classify(Class<?> raw) {
    if (raw == JsonNode.class || raw == Object.class) {
      return Kind.ANY;
    }
    if (raw == String.class) {
      return Kind.STRING;
    }
    if (RecordShapes.isBoolean(raw)) {
      return Kind.BOOLEAN;
    }
    if (RecordShapes.isFloat(raw)) {
      return Kind.FLOAT;
    }
    if (RecordShapes.isInteger(raw)) {
      return Kind.INTEGER;
    }
    if (raw.isEnum()) {
      return Kind.ENUM;
    }
    if (raw.isRecord()) {
      return Kind.RECORD;
    }
    if (List.class.isAssignableFrom(raw)) {
      return Kind.LIST;
    }
    return Map.class.isAssignableFrom(raw) ? Kind.MAP : Kind.UNSUPPORTED;
  }

  static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String index(String path, Object key) {
    return path + "[" + key + "]";
  }

  private static JsonNode accept(
      boolean ok, JsonNode node, FieldPath path, String expected, FieldErrors errors) {
    if (ok) {
      return node;
    }
    errors.wrongType(path.toString(), node, expected);
    return null;
  }

  private static JsonNode integer(JsonNode node, Class<?> raw, FieldPath path, FieldErrors errors) {
    boolean isLong = raw == Long.class || raw == long.class;
    if (!node.isIntegralNumber()) {
      errors.wrongType(path.toString(), node, "an integer");
      return null;
    }
    if (isLong ? !node.canConvertToLong() : !node.canConvertToInt()) {
      errors.invalid(path.toString(), node, "must be at most "
          + (isLong ? Long.MAX_VALUE : Integer.MAX_VALUE) + " in magnitude");
      return null;
    }
    return node;
  }

  private static JsonNode enumValue(JsonNode node, Class<?> raw, FieldPath path, FieldErrors errors) {
    List<String> names = RecordShapes.enumNames(raw);
    if (node.isTextual() && names.contains(node.asText())) {
      return node;
    }
    errors.notSupported(path.toString(), node, names);
    return null;
  }

  private static JsonNode record(JsonNode node, Class<?> raw, FieldPath path, FieldErrors errors) {
    if (!node.isObject()) {
      errors.wrongType(path.toString(), node, "an object");
      return null;
    }
    Map<String, RecordComponent> fields = RecordShapes.fields(raw);
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      FieldPath fieldPath = new FieldPath(path, e.getKey(), false);
      RecordComponent rc = fields.get(e.getKey());
      if (rc == null) {
        errors.add(FieldError.unknown(fieldPath.toString()));
        continue;
      }
      JsonNode value = clean(e.getValue(), rc.getGenericType(), fieldPath, errors);
      if (value != null) {
        out.set(e.getKey(), value);
      }
    }
    return out;
  }

  private static JsonNode list(JsonNode node, Type element, FieldPath path, FieldErrors errors) {
    if (!node.isArray()) {
      errors.wrongType(path.toString(), node, "a list");
      return null;
    }
    ArrayNode out = NODES.arrayNode();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      if (item.isNull()) {
        errors.invalid(new FieldPath(path, String.valueOf(i), true).toString(), null,
            "must not be null");
        continue;
      }
      JsonNode value = clean(item, element, new FieldPath(path, String.valueOf(i), true), errors);
      if (value != null) {
        out.add(value);
      }
    }
    return out;
  }

  private static JsonNode map(
      JsonNode node, Type keyType, Type valueType, FieldPath path, FieldErrors errors) {
    if (!node.isObject()) {
      errors.wrongType(path.toString(), node, "an object (a map)");
      return null;
    }
    Class<?> rawKey = RecordShapes.raw(keyType);
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      FieldPath entryPath = new FieldPath(path, e.getKey(), true);
      if (rawKey.isEnum() && !RecordShapes.enumNames(rawKey).contains(e.getKey())) {
        errors.notSupported(entryPath.toString(), e.getKey(), RecordShapes.enumNames(rawKey));
        continue;
      }
      if (e.getValue().isNull()) {
        errors.invalid(entryPath.toString(), null, "must not be null");
        continue;
      }
      JsonNode value = clean(e.getValue(), valueType, entryPath, errors);
      if (value != null) {
        out.set(e.getKey(), value);
      }
    }
    return out;
  }
}
