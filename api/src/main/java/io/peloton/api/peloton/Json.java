package io.peloton.api.peloton;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** Writes converted values into a JSON tree, leaving absent values out. */
final class Json {
  private Json() {}

  static void put(ObjectNode o, String key, String v) {
    if (v != null) {
      o.put(key, v);
    }
  }

  static void put(ObjectNode o, String key, Double v) {
    if (v != null) {
      o.put(key, v);
    }
  }

  static void put(ObjectNode o, String key, Integer v) {
    if (v != null) {
      o.put(key, v);
    }
  }

  static void put(ObjectNode o, String key, Boolean v) {
    if (v != null) {
      o.put(key, v);
    }
  }

  static void putTexts(ObjectNode o, String key, List<String> v) {
    if (v != null && !v.isEmpty()) {
      v.forEach(o.putArray(key)::add);
    }
  }

  static void putMap(ObjectNode o, String key, Map<String, String> v) {
    if (v != null && !v.isEmpty()) {
      ObjectNode m = o.putObject(key);
      v.forEach(m::put);
    }
  }

  static void putObject(ObjectNode o, String key, String field, Double v) {
    if (v != null) {
      o.putObject(key).put(field, v);
    }
  }

  /** Adds a child only when it ends up with content. */
  static void putIfNotEmpty(ObjectNode o, String key, ObjectNode child) {
    if (child != null && !child.isEmpty()) {
      o.set(key, child);
    }
  }
}
