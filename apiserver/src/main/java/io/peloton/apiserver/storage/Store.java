package io.peloton.apiserver.storage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The storage port: the few operations the API server needs from a revisioned key-value store
 * (the shapes kine supports). Every write gets a new, strictly increasing global revision, which
 * the API exposes as {@code resourceVersion}.
 *
 * <p>Failures complete the future exceptionally with a {@link StoreException}; bad arguments
 * (empty key, null value, a revision in the future) with an {@link IllegalArgumentException}
 * naming the argument. Implementations never block the caller's thread. Futures complete on a
 * store-owned thread: callbacks must not block on another call to the same store.
 *
 * <p>Backends: {@code sqlite.SqliteStore} and {@code etcd.EtcdStore}; open one with
 * {@link StoreUrl}. Compaction at revision C keeps reads at C and watches after C working.
 */
public interface Store extends AutoCloseable {

  /** Creates the key if it does not exist; fails with {@link StoreException.KeyExists}. */
  CompletableFuture<Long> create(String key, byte[] value);

  /**
   * Creates many keys in as few store transactions as the backend allows. Each item reports its
   * own outcome: a key that exists already is not written and does not stop the others. The
   * results are in the order of {@code writes}. On etcd the keys one transaction creates share
   * its revision (so a watch may see several events with the same revision); on SQLite every
   * key gets its own.
   */
  CompletableFuture<List<CreateResult>> createAll(List<KeyValue.Write> writes);

  /**
   * Replaces the value if the key's current modRevision equals {@code expectedRevision}; fails
   * with {@link StoreException.Conflict} (carrying the current value) or
   * {@link StoreException.NotFound}.
   */
  CompletableFuture<Long> update(String key, byte[] value, long expectedRevision);

  /**
   * Deletes the key if its modRevision equals {@code expectedRevision} (0: whatever it is);
   * returns the revision of the deletion. Fails with Conflict or NotFound.
   */
  CompletableFuture<Long> delete(String key, long expectedRevision);

  /** The current value of one key, or null. */
  CompletableFuture<KeyValue> get(String key);

  /**
   * Keys under {@code prefix} in key order, as of {@code revision} (0: now), starting after
   * {@code afterKey} (null: from the start), at most {@code limit} (0: all). Fails with
   * {@link StoreException.Compacted} when the revision was compacted away.
   */
  CompletableFuture<Page> list(String prefix, long revision, String afterKey, int limit);

  /** The store's current revision (the last one written). */
  CompletableFuture<Long> currentRevision();

  /**
   * Streams every change under {@code prefix} with a revision greater than {@code afterRevision},
   * in revision order and without gaps, then live changes, until the returned handle is closed.
   * When {@code afterRevision} precedes the compacted revision, {@link WatchListener#onError} gets
   * a {@link StoreException.Compacted} and the watch ends.
   */
  Watch watch(String prefix, long afterRevision, WatchListener listener);

  /** Drops history older than {@code revision}; the latest value of every live key is kept. */
  CompletableFuture<Void> compact(long revision);

  /** The revision history was compacted up to (watches and reads before it fail). */
  CompletableFuture<Long> compactedRevision();

  @Override
  void close();
}
