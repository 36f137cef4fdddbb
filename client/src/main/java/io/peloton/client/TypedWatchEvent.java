package io.peloton.client;

/**
 * One watch event with its object as a typed record.
 *
 * @param type ADDED, MODIFIED, DELETED or BOOKMARK
 * @param object the object; null for a BOOKMARK
 * @param resourceVersion the revision the event brings the watcher to
 */
public record TypedWatchEvent<T>(String type, T object, String resourceVersion) {
  public boolean isBookmark() {
    return "BOOKMARK".equals(type);
  }
}
