package io.peloton.apiserver.storage;

/**
 * Outcome of one create within a batch.
 *
 * @param revision the revision the key was created at, or 0 when not created
 * @param error why it was not created (e.g. {@link StoreException.KeyExists}), or null
 */
public record CreateResult(String key, long revision, StoreException error) {
  public boolean created() {
    return error == null;
  }
}
