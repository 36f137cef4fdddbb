package io.peloton.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small edits on JSON trees used while defaulting; a JSON null counts as absent. */
final class JsonDefaults {
  private JsonDefaults() {}

  static boolean absent(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n == null || n.isNull();
  }

  /** The child object, created when {@code create} and absent; null when absent or not one. */
  static ObjectNode object(ObjectNode parent, String field, boolean create) {
    JsonNode n = parent.get(field);
    if (n != null && n.isObject()) {
      return (ObjectNode) n;
    }
    if (create && (n == null || n.isNull())) {
      return parent.putObject(field);
    }
    return null;
  }

  /** The child array, or null. */
  static ArrayNode array(ObjectNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && n.isArray() ? (ArrayNode) n : null;
  }

  static void setIfAbsent(ObjectNode node, String field, String value) {
    if (absent(node, field)) {
      node.put(field, value);
    }
  }

  static void setIfAbsent(ObjectNode node, String field, int value) {
    if (absent(node, field)) {
      node.put(field, value);
    }
  }

  static void setIfAbsent(ObjectNode node, String field, double value) {
    if (absent(node, field)) {
      node.put(field, value);
    }
  }

  static void setIfAbsent(ObjectNode node, String field, boolean value) {
    if (absent(node, field)) {
      node.put(field, value);
    }
  }
}
