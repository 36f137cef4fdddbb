package io.peloton.apiserver.storage;

/**
 * One stored key with its value and revisions.
 *
 * @param createRevision revision of the write that created the key
 * @param modRevision revision of the last write to the key
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {

  /** A key and value to create. */
  public record Write(String key, byte[] value) {}
}
