package io.peloton.apiserver.cache;

import io.peloton.api.ResourceType;
import io.peloton.apiserver.selector.FieldSelector;
import io.peloton.apiserver.selector.LabelSelector;

/**
 * Which objects one list or watch wants: a kind, optionally one namespace, and selectors.
 *
 * @param namespace null for every namespace (and for cluster-scoped kinds)
 */
public record WatchFilter(
    ResourceType type, String namespace, LabelSelector labels, FieldSelector fields) {

  public static WatchFilter all(ResourceType type) {
    return new WatchFilter(type, null, LabelSelector.everything(), FieldSelector.everything());
  }

  public boolean matches(CachedObject o) {
    if (o == null || o.type() != type) {
      return false;
    }
    if (namespace != null && type.namespaced() && !namespace.equals(o.namespace())) {
      return false;
    }
    if (!labels.matches(o.labels())) {
      return false;
    }
    return fields.isEverything() || fields.matches(o.tree());
  }

  /**
   * The event type this watcher sees for a change from {@code before} to {@code after} (either
   * may be null), or null when the change is invisible to it.
   */
  public String classify(CachedObject before, CachedObject after, boolean deleted) {
    boolean was = before != null && matches(before);
    if (deleted) {
      return was ? CacheEvent.DELETED : null;
    }
    boolean is = matches(after);
    if (is) {
      return was ? CacheEvent.MODIFIED : CacheEvent.ADDED;
    }
    return was ? CacheEvent.DELETED : null;
  }
}
