package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a DELETE asks for besides the name, as Kubernetes' {@code DeleteOptions}: preconditions
 * on the object's uid and resourceVersion (a mismatch is a 409), and a propagation policy.
 * A malformed body is a 400 naming the field at fault.
 *
 * @param uid the uid the object must have, or null
 * @param resourceVersion the resourceVersion the object must be at, or 0
 * @param propagationPolicy Foreground, Background or Orphan, or null for the kind's default
 */
public record DeleteOptions(String uid, long resourceVersion, String propagationPolicy) {
  /** The policies Kubernetes defines; checked here, carried out by the garbage collector. */
  public static final List<String> POLICIES = List.of("Foreground", "Background", "Orphan");

  /** Fields a DeleteOptions may carry and what each must be (unknown ones are refused). */
  private static final Map<String, String> FIELDS = Map.of(
      "kind", "a string", "apiVersion", "a string", "preconditions", "an object",
      "propagationPolicy", "a string", "gracePeriodSeconds", "an integer",
      "orphanDependents", "a boolean", "dryRun", "a list");

  public static DeleteOptions none() {
    return new DeleteOptions(null, 0, null);
  }

  /** Whether the object must be at a given uid or resourceVersion. */
  boolean hasPrecondition() {
    return uid != null || resourceVersion != 0;
  }

  /**
   * Reads the options from a request body (null or empty: none) and the query's
   * {@code resourceVersion} and {@code propagationPolicy} (null when absent); the body wins.
   */
  public static DeleteOptions parse(JsonNode body, String queryResourceVersion,
      String queryPolicy) {
    String rv = queryResourceVersion;
    String policy = queryPolicy;
    String uid = null;
    if (body != null && !body.isMissingNode() && !body.isNull()) {
      if (!body.isObject()) {
        throw ApiException.badField("body", "DeleteOptions must be a JSON object");
      }
      for (var e : body.properties()) {
        checkType(e.getKey(), e.getValue());
      }
      JsonNode pre = body.path("preconditions");
      for (var e : pre.properties()) {
        String field = "preconditions." + e.getKey();
        if (!e.getKey().equals("uid") && !e.getKey().equals("resourceVersion")) {
          throw ApiException.badField(field, "unknown field; preconditions has uid and"
              + " resourceVersion");
        }
        JsonNode v = e.getValue();
        if (!v.isTextual() && !v.isNull() && !(v.isIntegralNumber() && e.getKey().equals(
            "resourceVersion"))) {
          throw ApiException.badField(field, "must be a string");
        }
      }
      uid = emptyToNull(pre.path("uid").asText(""));
      rv = pre.hasNonNull("resourceVersion") ? pre.get("resourceVersion").asText() : rv;
      policy = body.hasNonNull("propagationPolicy") ? body.get("propagationPolicy").asText()
          : policy;
    }
    return new DeleteOptions(uid, version(emptyToNull(rv)), checkedPolicy(emptyToNull(policy)));
  }

  private static void checkType(String field, JsonNode value) {
    String expected = FIELDS.get(field);
    if (expected == null) {
      throw ApiException.badField(field, "unknown field; DeleteOptions has "
          + String.join(", ", FIELDS.keySet().stream().sorted().toList()));
    }
    boolean ok = value.isNull() || switch (expected) {
      case "a string" -> value.isTextual();
      case "an object" -> value.isObject();
      case "an integer" -> value.canConvertToLong() && value.isIntegralNumber()
          && value.longValue() >= 0;
      case "a boolean" -> value.isBoolean();
      default -> value.isArray();
    };
    if (!ok) {
      throw ApiException.badField(field, "must be " + expected
          + (expected.equals("an integer") ? " (0 or more)" : "") + ", got " + value);
    }
  }

  private static long version(String rv) {
    if (rv == null) {
      return 0;
    }
    try {
      long n = Long.parseLong(rv);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiException.badField("preconditions.resourceVersion",
        "must be a resourceVersion the server returned (a positive number), got '" + rv + "'");
  }

  private static String checkedPolicy(String policy) {
    if (policy != null && !POLICIES.contains(policy)) {
      throw ApiException.badField("propagationPolicy", "unsupported value '" + policy
          + "'; one of " + String.join(", ", POLICIES));
    }
    return policy;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
