package io.peloton.bench.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Builds the single JSON object every benchmark prints as its last line (values may be lists). */
public final class JsonLine {
  private final Map<String, Object> fields = new LinkedHashMap<>();

  public JsonLine put(String name, Object value) {
    fields.put(name, value);
    return this;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    fields.forEach((k, v) -> {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(k).append("\":").append(render(v));
    });
    return b.append('}').toString();
  }

  private static String render(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.2f", d);
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof JsonLine j) {
      return j.toString();
    }
    if (v instanceof Iterable<?> items) {
      StringBuilder b = new StringBuilder("[");
      for (Object item : items) {
        if (b.length() > 1) {
          b.append(',');
        }
        b.append(render(item));
      }
      return b.append(']').toString();
    }
    return '"' + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
