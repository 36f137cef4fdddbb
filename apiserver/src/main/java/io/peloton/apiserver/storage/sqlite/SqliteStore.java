package io.peloton.apiserver.storage.sqlite;

import io.peloton.apiserver.storage.CreateResult;
import io.peloton.apiserver.storage.KeyValue;
import io.peloton.apiserver.storage.Page;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.Watch;
import io.peloton.apiserver.storage.WatchListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded store: kine's single append-only revision table in a SQLite file (WAL), one
 * group-committing writer thread, a small pool of reader connections and in-process watches.
 */
public final class SqliteStore implements Store {
  private static final int READERS = 4;
  private static final long MARKER_INTERVAL_MILLIS = 1000;

  private final Path file;
  private final StoreFileLock fileLock;
  private final Connection writerConnection;
  private final Revisions revisions;
  private final WatchHub hub = new WatchHub();
  private final ExecutorService completer;
  private final ExecutorService deliveryPool;
  private final ReaderPool readers;
  private final GroupCommitWriter writer;
  private final RevisionMarker marker;
  private final ScheduledExecutorService markerThread;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteStore(Path file, boolean recover) throws SQLException {
    this.file = file;
    this.marker = new RevisionMarker(file);
    fileLock = StoreFileLock.acquire(file);
    try {
      // before anything writes: an empty file would otherwise get a fresh schema and be served
      marker.check(SqliteConnections.peekLastRevision(file), recover);
      writerConnection = SqliteConnections.open(file);
    } catch (SQLException | RuntimeException e) {
      fileLock.close();
      throw e;
    }
    try {
      SqliteConnections.createSchema(writerConnection);
      revisions = new Revisions(SqliteConnections.lastRevision(writerConnection),
          SqliteConnections.compactedRevision(writerConnection));
      completer = Executors.newSingleThreadExecutor(daemon("sqlite-completer"));
      deliveryPool = Executors.newFixedThreadPool(2, daemon("sqlite-watch"));
      readers = new ReaderPool(file, READERS);
      writer = new GroupCommitWriter(writerConnection, revisions, hub, completer);
      // off the writer thread, at most once a second: the fsyncs it takes never slow a commit
      markerThread = Executors.newSingleThreadScheduledExecutor(daemon("sqlite-marker"));
      markerThread.scheduleWithFixedDelay(() -> marker.advance(revisions.committed()),
          MARKER_INTERVAL_MILLIS, MARKER_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (SQLException | RuntimeException e) {
      writerConnection.close();
      fileLock.close();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) the store in {@code file}.
   *
   * @throws StoreException.Unavailable when the file cannot be opened as a store, or holds less
   *     than its revision marker says was committed (see {@link RevisionMarker})
   */
  public static SqliteStore open(Path file) {
    return open(file, false);
  }

  /**
   * Opens the store in {@code file}; with {@code recover}, a store that lost revisions is
   * served as it is (logged at WARN) instead of refused.
   */
  public static SqliteStore open(Path file, boolean recover) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new StoreException.Unavailable(
            "cannot open sqlite store " + file + ": directory " + parent + " does not exist", null);
      }
      return new SqliteStore(file, recover);
    } catch (SQLException e) {
      throw new StoreException.Unavailable(
          "cannot open sqlite store " + file + ": " + e.getMessage(), e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public CompletableFuture<Long> create(String key, byte[] value) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    if (invalid(result, key, value)) {
      return result;
    }
    writer.submit(new WriteOp.Create(key, value, result));
    return result;
  }

  @Override
  public CompletableFuture<List<CreateResult>> createAll(List<KeyValue.Write> writes) {
    CompletableFuture<List<CreateResult>> result = new CompletableFuture<>();
    if (writes == null) {
      result.completeExceptionally(new IllegalArgumentException("writes: must not be null"));
      return result;
    }
    for (int i = 0; i < writes.size(); i++) {
      KeyValue.Write write = writes.get(i);
      if (write == null || invalid(result, write.key(), write.value())) {
        if (!result.isDone()) {
          result.completeExceptionally(
              new IllegalArgumentException("writes[" + i + "]: must not be null"));
        }
        return result;
      }
    }
    if (writes.isEmpty()) {
      result.complete(List.of());
      return result;
    }
    writer.submit(new WriteOp.CreateAll(List.copyOf(writes), result));
    return result;
  }

  @Override
  public CompletableFuture<Long> update(String key, byte[] value, long expectedRevision) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    if (invalid(result, key, value)) {
      return result;
    }
    writer.submit(new WriteOp.Update(key, value, expectedRevision, result));
    return result;
  }

  @Override
  public CompletableFuture<Long> delete(String key, long expectedRevision) {
    CompletableFuture<Long> result = new CompletableFuture<>();
    if (invalid(result, key, new byte[0])) {
      return result;
    }
    writer.submit(new WriteOp.Delete(key, expectedRevision, result));
    return result;
  }

  @Override
  public CompletableFuture<KeyValue> get(String key) {
    if (key == null || key.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("key: must not be empty"));
    }
    return readers.submit(connection -> {
      try (PreparedStatement query = connection.prepareStatement("SELECT id, deleted, "
          + "create_revision, value FROM kv WHERE name = ? ORDER BY id DESC LIMIT 1")) {
        query.setString(1, key);
        try (ResultSet rows = query.executeQuery()) {
          if (!rows.next() || rows.getInt(2) != 0) {
            return null;
          }
          return new KeyValue(key, rows.getBytes(4), rows.getLong(3), rows.getLong(1));
        }
      }
    });
  }

  @Override
  public CompletableFuture<Page> list(String prefix, long revision, String afterKey, int limit) {
    if (prefix == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("prefix: must not be null"));
    }
    if (revision < 0 || limit < 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          (revision < 0 ? "revision" : "limit") + ": must not be negative"));
    }
    return readers.submit(connection -> list(connection, prefix, revision, afterKey, limit));
  }

  private Page list(Connection connection, String prefix, long revision, String afterKey,
      int limit) throws SQLException {
    long current = revisions.committed();
    long at = revision == 0 ? current : revision;
    if (at > current) {
      throw new IllegalArgumentException(
          "revision: " + at + " is in the future (current revision " + current + ")");
    }
    checkNotCompacted(at);
    String prefixEnd = KeyRanges.prefixEnd(prefix);
    boolean after = afterKey != null && afterKey.compareTo(prefix) >= 0;
    // walks the (name, id) index in key order; a row counts when it is its key's newest row at
    // or below the revision and is not a tombstone, so LIMIT can stop the walk early ("+k.id"
    // keeps the planner off the primary key, which would read the whole table and sort)
    String sql = "SELECT k.name, k.value, k.create_revision, k.id FROM kv AS k WHERE "
        + (after ? "k.name > ?" : "k.name >= ?")
        + (prefixEnd == null ? "" : " AND k.name < ?")
        + " AND +k.id <= ? AND k.deleted = 0"
        + " AND k.id = (SELECT MAX(n.id) FROM kv AS n WHERE n.name = k.name AND n.id <= ?)"
        + " ORDER BY k.name" + (limit > 0 ? " LIMIT " + (limit + 1L) : "");
    List<KeyValue> items = new ArrayList<>();
    boolean more = false;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      int p = 1;
      query.setString(p++, after ? afterKey : prefix);
      if (prefixEnd != null) {
        query.setString(p++, prefixEnd);
      }
      query.setLong(p++, at);
      query.setLong(p, at);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(1);
          if (!name.startsWith(prefix)) {
            if (prefixEnd == null) {
              continue; // open-ended range (see KeyRanges): filter here
            }
            break;
          }
          if (limit > 0 && items.size() == limit) {
            more = true;
            break;
          }
          items.add(new KeyValue(name, rows.getBytes(2), rows.getLong(3), rows.getLong(4)));
        }
      }
    }
    // a compaction that started during the query may have removed rows we needed
    checkNotCompacted(at);
    return new Page(List.copyOf(items), at, more);
  }

  private void checkNotCompacted(long revision) {
    long compacted = revisions.compacted();
    if (revision < compacted) {
      throw new StoreException.Compacted(revision, compacted);
    }
  }

  @Override
  public CompletableFuture<Long> currentRevision() {
    return CompletableFuture.completedFuture(revisions.committed());
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    if (afterRevision < 0) {
      throw new IllegalArgumentException("afterRevision: must not be negative");
    }
    SqliteWatch watch = new SqliteWatch(prefix, listener, readers, revisions, hub, deliveryPool);
    if (closed.get()) {
      watch.fail(new StoreException.Unavailable("store closed", null));
      return watch;
    }
    watch.start(afterRevision);
    return watch;
  }

  @Override
  public CompletableFuture<Void> compact(long revision) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (revision <= 0) {
      result.completeExceptionally(new IllegalArgumentException("revision: must be positive"));
      return result;
    }
    writer.compact(revision, result);
    return result;
  }

  @Override
  public CompletableFuture<Long> compactedRevision() {
    return CompletableFuture.completedFuture(revisions.compacted());
  }

  /** Number of open watches (for metrics and tests). */
  public int watchCount() {
    return hub.size();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    markerThread.shutdownNow();
    writer.close();
    hub.failAll(new StoreException.Unavailable("store closed", null));
    readers.close();
    shutdown(completer);
    shutdown(deliveryPool);
    try {
      writerConnection.close();
    } catch (SQLException ignored) {
      // closing: nothing useful to do
    }
    shutdown(markerThread);
    marker.advance(revisions.committed());
    fileLock.close();
  }

  private static void shutdown(ExecutorService executor) {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean invalid(CompletableFuture<?> result, String key, byte[] value) {
    String problem = key == null || key.isEmpty() ? "key: must not be empty"
        : value == null ? "value: must not be null" : null;
    if (problem != null) {
      result.completeExceptionally(new IllegalArgumentException(problem));
      return true;
    }
    return false;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
