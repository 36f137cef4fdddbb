package io.peloton.apiserver.rest;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.peloton.apiserver.service.ApiException;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A request's query parameters, decoded strictly: a malformed escape ({@code %}, {@code %zz}) is
 * a 400 naming the parameter it is in, not an exception from deep in the router. The first value
 * of a repeated parameter counts, as in Vert.x.
 */
final class QueryParameters {
  private static final String KEY = QueryParameters.class.getName();

  private final Map<String, String> values;

  private QueryParameters(Map<String, String> values) {
    this.values = values;
  }

  /** The request's parameters, decoded once per request. */
  static QueryParameters of(RoutingContext rc) {
    QueryParameters q = rc.get(KEY);
    if (q == null) {
      q = decode(rc.request().query());
      rc.put(KEY, q);
    }
    return q;
  }

  static QueryParameters decode(String query) {
    Map<String, String> values = new HashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = component(eq < 0 ? pair : pair.substring(0, eq), null);
        String value = eq < 0 ? "" : component(pair.substring(eq + 1), name);
        values.putIfAbsent(name, value);
      }
    }
    return new QueryParameters(values);
  }

  /** A parameter's value, or null when absent. */
  String get(String name) {
    return values.get(name);
  }

  private static String component(String raw, String parameter) {
    try {
      return QueryStringDecoder.decodeComponent(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      String field = parameter == null ? "query" : parameter;
      throw ApiException.badField(field, "is not valid percent-encoding ('" + raw
          + "'): write '%' as %25");
    }
  }
}
