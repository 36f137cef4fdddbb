package io.peloton.apiserver.service;

import io.peloton.api.ResourceType;
import io.peloton.apiserver.cache.WatchFilter;
import io.peloton.apiserver.selector.FieldSelector;
import io.peloton.apiserver.selector.LabelSelector;
import java.util.function.UnaryOperator;

/**
 * Query options of a list or watch, as Kubernetes names them. REST and gRPC both read them
 * through {@link #parse}, so both accept and refuse the same values.
 *
 * @param limit 0 for no limit
 * @param continueToken null for the first page
 * @param resourceVersion null/empty for "most recent", "0" for "any", else a revision
 * @param timeoutSeconds 0 for the server's default watch timeout
 */
public record ListOptions(
    String labelSelector,
    String fieldSelector,
    long limit,
    String continueToken,
    String resourceVersion,
    boolean allowBookmarks,
    long timeoutSeconds) {

  public static ListOptions none() {
    return new ListOptions(null, null, 0, null, null, false, 0);
  }

  /**
   * Reads and checks the options; {@code param} gives a parameter's value by its REST query
   * name (null when absent). A bad value is a 400 whose cause names the parameter.
   */
  public static ListOptions parse(UnaryOperator<String> param) {
    String labels = param.apply("labelSelector");
    String fields = param.apply("fieldSelector");
    try {
      LabelSelector.parse(labels);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("labelSelector", e.getMessage());
    }
    try {
      FieldSelector.parse(fields);
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("fieldSelector", e.getMessage());
    }
    String token = emptyToNull(param.apply("continue"));
    if (token != null) {
      ContinueToken.decode(token);
    }
    String rv = emptyToNull(param.apply("resourceVersion"));
    if (rv != null) {
      nonNegative("resourceVersion", rv,
          "must be a resourceVersion the server returned (a number)");
    }
    return new ListOptions(labels, fields, count(param, "limit"), token, rv,
        isTrue(param.apply("allowWatchBookmarks")), count(param, "timeoutSeconds"));
  }

  /** The filter these options describe; a malformed selector is a 400. */
  public WatchFilter filter(ResourceType type, String namespace) {
    try {
      return new WatchFilter(type, namespace, LabelSelector.parse(labelSelector),
          FieldSelector.parse(fieldSelector));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  private static long count(UnaryOperator<String> param, String name) {
    String v = emptyToNull(param.apply(name));
    return v == null ? 0 : nonNegative(name, v, "must be a whole number, 0 or more");
  }

  private static long nonNegative(String name, String value, String rule) {
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badField(name, rule + ", got '" + value + "'");
    }
    if (n < 0) {
      throw ApiException.badField(name, rule + ", got '" + value + "'");
    }
    return n;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** Kubernetes' booleans in a query: {@code true} or {@code 1}. */
  public static boolean isTrue(String v) {
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }
}
