package io.peloton.apiserver.selector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector over any scalar field of an object, by dotted path: {@code spec.host=h1},
 * {@code status.state!=RUNNING}, comma-separated (all must hold). A missing field reads as "".
 */
public final class FieldSelector {
  private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  public static FieldSelector everything() {
    return EVERYTHING;
  }

  public boolean isEverything() {
    return terms.isEmpty();
  }

  /** Parses a selector; throws IllegalArgumentException naming the bad part. */
  public static FieldSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      int ne = p.indexOf("!=");
      int eq = p.indexOf('=');
      if (ne > 0) {
        terms.add(new Term(path(p.substring(0, ne), p), p.substring(ne + 2).trim(), false));
      } else if (eq > 0) {
        int valueStart = p.startsWith("==", eq) ? eq + 2 : eq + 1;
        terms.add(new Term(path(p.substring(0, eq), p), p.substring(valueStart).trim(), true));
      } else {
        throw new IllegalArgumentException(
            "invalid field selector '" + p + "': expected field=value or field!=value");
      }
    }
    return new FieldSelector(List.copyOf(terms));
  }

  public boolean matches(JsonNode object) {
    for (Term t : terms) {
      if (!t.matches(object)) {
        return false;
      }
    }
    return true;
  }

  private static String[] path(String field, String part) {
    String f = field.trim();
    if (!f.matches("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*")) {
      throw new IllegalArgumentException("invalid field path in '" + part + "'");
    }
    return f.split("\\.");
  }

  private record Term(String[] path, String value, boolean equals) {
    boolean matches(JsonNode object) {
      JsonNode n = object;
      for (String p : path) {
        n = n == null ? null : n.get(p);
      }
      String actual = n == null || n.isNull() || n.isContainerNode() ? "" : n.asText();
      return equals == actual.equals(value);
    }
  }
}
