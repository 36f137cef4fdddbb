package io.peloton.apiserver.cache;

/**
 * One change as watchers receive it.
 *
 * @param type ADDED, MODIFIED or DELETED as seen by this watcher (selectors can turn a
 *     modification into an ADDED or DELETED)
 * @param object the object after the change; for DELETED its last state, stamped with the
 *     revision of the deletion
 * @param json the object's JSON when already at hand (a change as it happens), else null
 */
public record CacheEvent(String type, CachedObject object, byte[] json) {
  public static final String ADDED = "ADDED";
  public static final String MODIFIED = "MODIFIED";
  public static final String DELETED = "DELETED";

  public CacheEvent(String type, CachedObject object) {
    this(type, object, null);
  }

  /** The object's JSON as served. */
  @Override
  public byte[] json() {
    return json != null ? json : object.json();
  }
}
