package io.peloton.apiserver.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes label selector: comma-separated requirements {@code k=v}, {@code k==v},
 * {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}.
 */
public final class LabelSelector {
  private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

  private final List<Requirement> requirements;

  private LabelSelector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  public static LabelSelector everything() {
    return EVERYTHING;
  }

  public boolean isEverything() {
    return requirements.isEmpty();
  }

  /** Parses a selector; throws IllegalArgumentException naming the bad part. */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    List<Requirement> reqs = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      reqs.add(Requirement.parse(part.trim()));
    }
    return new LabelSelector(List.copyOf(reqs));
  }

  public boolean matches(Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (Requirement r : requirements) {
      if (!r.matches(l)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private enum Op { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS }

  private record Requirement(String key, Op op, Set<String> values) {
    static Requirement parse(String p) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty requirement in label selector");
      }
      if (p.startsWith("!")) {
        return new Requirement(checkKey(p.substring(1).trim(), p), Op.NOT_EXISTS, Set.of());
      }
      int ne = p.indexOf("!=");
      if (ne > 0) {
        return new Requirement(checkKey(p.substring(0, ne).trim(), p), Op.NOT_EQUALS,
            Set.of(p.substring(ne + 2).trim()));
      }
      int eq = p.indexOf('=');
      if (eq > 0) {
        String value = p.substring(p.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
        return new Requirement(checkKey(p.substring(0, eq).trim(), p), Op.EQUALS, Set.of(value));
      }
      String[] words = p.split("\\s+", 2);
      if (words.length == 2) {
        String rest = words[1].trim();
        Op op;
        if (rest.startsWith("notin")) {
          op = Op.NOT_IN;
          rest = rest.substring(5).trim();
        } else if (rest.startsWith("in")) {
          op = Op.IN;
          rest = rest.substring(2).trim();
        } else {
          throw new IllegalArgumentException("unable to parse requirement '" + p + "'");
        }
        if (!rest.startsWith("(") || !rest.endsWith(")")) {
          throw new IllegalArgumentException(
              "values of '" + p + "' must be in parentheses, e.g. 'key in (a,b)'");
        }
        Set<String> values = new java.util.HashSet<>();
        for (String v : rest.substring(1, rest.length() - 1).split(",")) {
          if (!v.isBlank()) {
            values.add(v.trim());
          }
        }
        return new Requirement(checkKey(words[0], p), op, Set.copyOf(values));
      }
      return new Requirement(checkKey(p, p), Op.EXISTS, Set.of());
    }

    private static String checkKey(String key, String part) {
      if (key.isEmpty() || !key.matches("[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?")) {
        throw new IllegalArgumentException("invalid label key in '" + part + "'");
      }
      return key;
    }

    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (op) {
        case EQUALS -> v != null && values.contains(v);
        case NOT_EQUALS -> v == null || !values.contains(v);
        case IN -> v != null && values.contains(v);
        case NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case NOT_EXISTS -> v == null;
      };
    }
  }
}
