package io.peloton.apiserver.storage;

/**
 * One change seen by a watch.
 *
 * @param revision the revision of the change
 * @param value the new value for PUT; for DELETE the last value the key had
 * @param created for PUT, whether this write created the key
 */
public record WatchEvent(Type type, String key, byte[] value, long revision, boolean created) {
  /** Kind of change. */
  public enum Type { PUT, DELETE }
}
