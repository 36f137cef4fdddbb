package io.peloton.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Options of a list or watch, as the API names them.
 *
 * @param resourceVersion null for "most recent", else the version to start after (watch)
 */
public record ListOptions(String labelSelector, String fieldSelector, long limit,
    String continueToken, String resourceVersion, boolean allowBookmarks, long timeoutSeconds) {

  public static ListOptions all() {
    return new ListOptions(null, null, 0, null, null, false, 0);
  }

  public ListOptions withLabelSelector(String selector) {
    return new ListOptions(selector, fieldSelector, limit, continueToken, resourceVersion,
        allowBookmarks, timeoutSeconds);
  }

  public ListOptions withFieldSelector(String selector) {
    return new ListOptions(labelSelector, selector, limit, continueToken, resourceVersion,
        allowBookmarks, timeoutSeconds);
  }

  public ListOptions withLimit(long newLimit, String cont) {
    return new ListOptions(labelSelector, fieldSelector, newLimit, cont, resourceVersion,
        allowBookmarks, timeoutSeconds);
  }

  public ListOptions withResourceVersion(String rv) {
    return new ListOptions(labelSelector, fieldSelector, limit, continueToken, rv,
        allowBookmarks, timeoutSeconds);
  }

  public ListOptions withBookmarks(boolean bookmarks) {
    return new ListOptions(labelSelector, fieldSelector, limit, continueToken, resourceVersion,
        bookmarks, timeoutSeconds);
  }

  public ListOptions withTimeoutSeconds(long seconds) {
    return new ListOptions(labelSelector, fieldSelector, limit, continueToken, resourceVersion,
        allowBookmarks, seconds);
  }

  /** The query string (without '?'), empty when there is nothing to say. */
  String query(boolean watch) {
    StringBuilder q = new StringBuilder();
    if (watch) {
      add(q, "watch", "true");
    }
    add(q, "labelSelector", labelSelector);
    add(q, "fieldSelector", fieldSelector);
    if (limit > 0) {
      add(q, "limit", Long.toString(limit));
    }
    add(q, "continue", continueToken);
    add(q, "resourceVersion", resourceVersion);
    if (allowBookmarks) {
      add(q, "allowWatchBookmarks", "true");
    }
    if (timeoutSeconds > 0) {
      add(q, "timeoutSeconds", Long.toString(timeoutSeconds));
    }
    return q.toString();
  }

  private static void add(StringBuilder q, String name, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    q.append(q.length() == 0 ? "" : "&").append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
