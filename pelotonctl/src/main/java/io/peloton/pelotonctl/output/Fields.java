package io.peloton.pelotonctl.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Reads display values out of an object's JSON by dotted path. */
public final class Fields {
  private Fields() {}

  public static JsonNode at(JsonNode o, String dottedPath) {
    JsonNode n = o;
    for (String part : dottedPath.split("\\.")) {
      n = n.path(part);
    }
    return n;
  }

  /** The value as text ("" when absent); whole numbers without ".0". */
  public static String text(JsonNode o, String dottedPath) {
    return show(at(o, dottedPath));
  }

  public static String show(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    if (n.isNumber()) {
      return new BigDecimal(n.asText()).stripTrailingZeros().toPlainString();
    }
    if (n.isArray()) {
      StringBuilder b = new StringBuilder();
      n.forEach(x -> b.append(b.length() == 0 ? "" : ",").append(show(x)));
      return b.toString();
    }
    return n.asText();
  }
}
