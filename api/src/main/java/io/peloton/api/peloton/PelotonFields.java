package io.peloton.api.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads one mapping of a Peloton YAML. Keys match case-insensitively and without underscores,
 * because Peloton's own files use both {@code instancecount} (Go CLI) and {@code instanceCount}
 * (protobuf JSON names). Every key read is remembered so that {@link #finish} can warn about the
 * ones nobody used instead of dropping them silently.
 */
final class PelotonFields {
  private final ObjectNode node;
  private final String path;
  private final Set<String> warnings;
  private final Set<String> used = new LinkedHashSet<>();

  private PelotonFields(ObjectNode node, String path, Set<String> warnings) {
    this.node = node;
    this.path = path;
    this.warnings = warnings;
  }

  /** The top-level mapping of a document. */
  static PelotonFields root(JsonNode document, Set<String> warnings) {
    if (document == null || !document.isObject()) {
      throw new PelotonSpecException("", "expected a YAML mapping at the top of the document, got "
          + describe(document));
    }
    return new PelotonFields((ObjectNode) document, "", warnings);
  }

  String path() {
    return path;
  }

  String at(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String normal(String key) {
    return key.replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** The value under {@code key} (any spelling), or null when absent or YAML null. */
  JsonNode take(String key) {
    String want = normal(key);
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (normal(e.getKey()).equals(want)) {
        used.add(e.getKey());
        JsonNode v = e.getValue();
        return v == null || v.isNull() ? null : v;
      }
    }
    return null;
  }

  /** A nested mapping, or null when absent. */
  PelotonFields object(String key) {
    JsonNode v = take(key);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw new PelotonSpecException(at(key), "expected a mapping, got " + describe(v));
    }
    return new PelotonFields((ObjectNode) v, at(key), warnings);
  }

  /** Each mapping of a nested list (absent: empty). */
  List<PelotonFields> objects(String key) {
    JsonNode v = take(key);
    List<PelotonFields> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      throw new PelotonSpecException(at(key), "expected a list, got " + describe(v));
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String p = at(key) + "[" + i + "]";
      if (!item.isObject()) {
        throw new PelotonSpecException(p, "expected a mapping, got " + describe(item));
      }
      out.add(new PelotonFields((ObjectNode) item, p, warnings));
    }
    return out;
  }

  /** Nested mappings keyed by name (e.g. instanceconfig's instance numbers). */
  Map<String, PelotonFields> objectsByKey(String key) {
    JsonNode v = take(key);
    Map<String, PelotonFields> out = new java.util.LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      throw new PelotonSpecException(at(key), "expected a mapping, got " + describe(v));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String p = at(key) + "." + e.getKey();
      if (e.getValue().isNull()) {
        continue;
      }
      if (!e.getValue().isObject()) {
        throw new PelotonSpecException(p, "expected a mapping, got " + describe(e.getValue()));
      }
      out.put(e.getKey(), new PelotonFields((ObjectNode) e.getValue(), p, warnings));
    }
    return out;
  }

  String text(String key) {
    JsonNode v = take(key);
    if (v == null) {
      return null;
    }
    if (!v.isValueNode()) {
      throw new PelotonSpecException(at(key), "expected a string, got " + describe(v));
    }
    return v.asText();
  }

  Boolean bool(String key) {
    JsonNode v = take(key);
    if (v == null) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(v.asText());
    }
    throw new PelotonSpecException(at(key), "expected true or false, got " + describe(v));
  }

  Double number(String key) {
    JsonNode v = take(key);
    if (v == null) {
      return null;
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new PelotonSpecException(at(key), "expected a number, got " + describe(v));
  }

  /** A whole number (Peloton's uint32 fields). */
  Integer integer(String key) {
    Double d = number(key);
    if (d == null) {
      return null;
    }
    if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
      throw new PelotonSpecException(at(key), "expected a whole number from 0 to "
          + Integer.MAX_VALUE + ", got " + d);
    }
    return d.intValue();
  }

  /** A list of strings (absent: null). */
  List<String> texts(String key) {
    JsonNode v = take(key);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw new PelotonSpecException(at(key), "expected a list of strings, got " + describe(v));
    }
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }

  /** Peloton's {@code [{key, value}]} label lists as an ordered map. */
  Map<String, String> labels(String key) {
    List<PelotonFields> items = objects(key);
    if (items.isEmpty()) {
      return null;
    }
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (PelotonFields l : items) {
      String k = l.text("key");
      if (k == null) {
        throw new PelotonSpecException(l.at("key"), "a label needs a key");
      }
      String value = l.text("value");
      out.put(k, value == null ? "" : value);
      l.finish();
    }
    return out;
  }

  /** Marks a key as deliberately not used, with the reason given to the user. */
  void ignore(String key, String why) {
    JsonNode v = take(key);
    if (v != null && !isEmpty(v)) {
      warn(at(key), why);
    }
  }

  /** The keys of this mapping (as written) that are none of {@code known} in any spelling. */
  List<String> keysOtherThan(Set<String> known) {
    Set<String> normalKnown = new java.util.HashSet<>();
    known.forEach(k -> normalKnown.add(normal(k)));
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(k -> {
      if (!normalKnown.contains(normal(k))) {
        out.add(k);
      }
    });
    return out;
  }

  /** Warns once for every key of this mapping that was never read. */
  void finish() {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!used.contains(e.getKey()) && !isEmpty(e.getValue())) {
        warn(at(e.getKey()), "not used by Peloton-K");
      }
    }
  }

  /** A warning about {@code field} (a path in this document), e.g. a value with no effect. */
  void warnAt(String field, String what) {
    warnings.add("Peloton field '" + general(field) + "': " + what);
  }

  private void warn(String field, String why) {
    warnings.add("ignoring Peloton field '" + general(field) + "': " + why);
  }

  /** One warning per field, not per instance: instanceconfig.0.x and instanceconfig.1.x are one. */
  private static String general(String field) {
    return field.replaceAll("\\.instanceconfig\\.[^.]+", ".instanceconfig.*")
        .replaceAll("^instanceconfig\\.[^.]+", "instanceconfig.*")
        .replaceAll("\\[\\d+]", "[*]");
  }

  /** Null, empty lists and empty mappings carry nothing, so dropping them loses nothing. */
  private static boolean isEmpty(JsonNode v) {
    return v == null || v.isNull() || (v.isContainerNode() && v.isEmpty());
  }

  static String describe(JsonNode v) {
    if (v == null || v.isNull()) {
      return "nothing";
    }
    if (v.isObject()) {
      return "a mapping";
    }
    if (v instanceof ArrayNode) {
      return "a list";
    }
    return "'" + v.asText() + "'";
  }
}
