package io.peloton.apiserver.service;

import io.peloton.api.ResourceType;
import io.peloton.apiserver.cache.WatchFilter;
import io.peloton.apiserver.selector.FieldSelector;
import io.peloton.apiserver.selector.LabelSelector;

/**
 * Query options of a list or watch, as Kubernetes names them.
 *
 * @param limit 0 for no limit
 * @param continueToken null for the first page
 * @param resourceVersion null/empty for "most recent", "0" for "any", else a revision
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

  /** The filter these options describe; a malformed selector is a 400. */
  public WatchFilter filter(ResourceType type, String namespace) {
    try {
      return new WatchFilter(type, namespace, LabelSelector.parse(labelSelector),
          FieldSelector.parse(fieldSelector));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }
}
