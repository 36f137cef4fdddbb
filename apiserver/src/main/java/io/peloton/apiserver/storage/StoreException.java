package io.peloton.apiserver.storage;

/** Why a store operation failed; the API maps each case to an HTTP status. */
public abstract sealed class StoreException extends RuntimeException
    permits StoreException.KeyExists, StoreException.NotFound, StoreException.Conflict,
        StoreException.Compacted, StoreException.Unavailable {

  protected StoreException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** Create of a key that exists. */
  public static final class KeyExists extends StoreException {
    public KeyExists(String key) {
      super("key exists: " + key, null);
    }
  }

  /** The key does not exist. */
  public static final class NotFound extends StoreException {
    public NotFound(String key) {
      super("key not found: " + key, null);
    }
  }

  /** The key's revision is not the expected one; carries the current value. */
  public static final class Conflict extends StoreException {
    private final KeyValue current;

    public Conflict(String key, KeyValue current) {
      super("revision conflict on " + key, null);
      this.current = current;
    }

    public KeyValue current() {
      return current;
    }
  }

  /** The requested revision is older than the compacted revision. */
  public static final class Compacted extends StoreException {
    private final long compactedRevision;

    public Compacted(long requested, long compactedRevision) {
      super("revision " + requested + " is compacted (compacted revision " + compactedRevision
          + ")", null);
      this.compactedRevision = compactedRevision;
    }

    public long compactedRevision() {
      return compactedRevision;
    }
  }

  /** The store could not be reached or failed internally. */
  public static final class Unavailable extends StoreException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
