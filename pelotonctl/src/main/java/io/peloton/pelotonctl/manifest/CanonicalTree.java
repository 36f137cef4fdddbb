package io.peloton.pelotonctl.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An object tree in one canonical form, so that two trees that mean the same compare equal and
 * print the same: mapping keys sorted, numbers by value ({@code 2}, {@code 2.0} and {@code "2"}
 * parsed as a number are not told apart by the server either). Diff compares these, not text.
 */
public final class CanonicalTree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private CanonicalTree() {}

  public static JsonNode of(JsonNode n) {
    if (n == null) {
      return NODES.nullNode();
    }
    if (n.isObject()) {
      ObjectNode out = NODES.objectNode();
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      Collections.sort(keys);
      keys.forEach(k -> out.set(k, of(n.get(k))));
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = NODES.arrayNode();
      n.forEach(x -> out.add(of(x)));
      return out;
    }
    if (n.isNumber()) {
      BigDecimal v = n.decimalValue().stripTrailingZeros();
      return v.scale() <= 0 ? NODES.numberNode(v.toBigIntegerExact()) : NODES.numberNode(v);
    }
    return n;
  }
}
