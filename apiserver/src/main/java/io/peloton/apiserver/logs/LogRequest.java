package io.peloton.apiserver.logs;

import io.peloton.apiserver.service.ApiException;
import io.vertx.core.MultiMap;

/**
 * A request for a task's log: which file ({@code stream=stdout|stderr}), which run
 * ({@code run=N}, default the current one), whether to {@code follow} and how many last lines
 * ({@code tailLines}). Bad values are a 400 naming the parameter.
 */
public record LogRequest(String namespace, String task, String stream, Integer run,
    boolean follow, Integer tailLines) {

  /** Reads the query parameters of {@code GET .../tasks/{task}/log}. */
  public static LogRequest of(String namespace, String task, MultiMap query) {
    String stream = query.get("stream") == null ? "stdout" : query.get("stream");
    if (!stream.equals("stdout") && !stream.equals("stderr")) {
      throw ApiException.badRequest("stream: must be stdout or stderr, not '" + stream + "'");
    }
    String follow = query.get("follow");
    if (follow != null && !follow.equals("true") && !follow.equals("false")) {
      throw ApiException.badRequest("follow: must be true or false, not '" + follow + "'");
    }
    return new LogRequest(namespace, task, stream, number(query, "run", 0),
        "true".equals(follow), number(query, "tailLines", 0));
  }

  private static Integer number(MultiMap query, String name, int min) {
    String v = query.get(name);
    if (v == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest(name + ": must be a whole number of at least " + min
        + ", not '" + v + "'");
  }
}
