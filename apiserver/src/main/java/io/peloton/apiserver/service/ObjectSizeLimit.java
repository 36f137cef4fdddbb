package io.peloton.apiserver.service;

/**
 * The largest object the server stores, the same for every store: 1 MiB of stored JSON. etcd
 * refuses a request above 1.5 MiB by default (key, value and transaction overhead), so every
 * object that passes here also fits there; SQLite would take far more, but an object the server
 * accepts on one store and refuses on the other is worse than a limit. Objects are checked
 * before they reach the store; above the limit the answer is 413 RequestEntityTooLarge.
 */
public final class ObjectSizeLimit {
  /** The limit, in bytes of the object's stored JSON. */
  public static final int MAX_BYTES = 1 << 20;

  private ObjectSizeLimit() {}

  /** {@code stored}, or a 413 when it is above the limit. */
  static byte[] checked(byte[] stored) {
    if (stored.length > MAX_BYTES) {
      throw refusal(stored.length);
    }
    return stored;
  }

  /** The 413 for an object of {@code length} bytes. */
  static ApiException refusal(int length) {
    return ApiException.tooLarge("the object is " + length + " bytes as stored; the limit is "
        + MAX_BYTES + " bytes (1 MiB)");
  }
}
