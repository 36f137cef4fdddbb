package io.peloton.apiserver.storage.sqlite;

import io.peloton.apiserver.storage.CreateResult;
import io.peloton.apiserver.storage.KeyValue;
import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.WatchEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the SQLite store: drains every queued write into one transaction (group
 * commit), and only after COMMIT publishes the events and completes the callers' futures.
 */
final class GroupCommitWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
  /** Bounds one transaction so a flood of writes still commits (and acknowledges) regularly. */
  private static final int MAX_BATCH = 1024;
  /** Rows compaction examines per transaction. */
  private static final int COMPACT_STEP_ROWS = 5000;
  /** How often watches hear the current revision (it travels behind the events, in order). */
  private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Connection connection;
  private final Revisions revisions;
  private final WatchHub hub;
  private final Executor completer;
  private final BlockingQueue<WriteOp> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closing;

  private final PreparedStatement latest;
  private final PreparedStatement insert;
  private final PreparedStatement compactBound;
  private final PreparedStatement compactDelete;
  private final PreparedStatement saveCompacted;

  GroupCommitWriter(Connection connection, Revisions revisions, WatchHub hub,
      Executor completer) throws SQLException {
    this.connection = connection;
    this.revisions = revisions;
    this.hub = hub;
    this.completer = completer;
    connection.setAutoCommit(false);
    latest = connection.prepareStatement("SELECT id, deleted, create_revision, value FROM kv "
        + "WHERE name = ? ORDER BY id DESC LIMIT 1");
    insert = connection.prepareStatement("INSERT INTO kv (id, name, created, deleted, "
        + "create_revision, prev_revision, value, old_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    compactBound = connection.prepareStatement("SELECT MAX(id), COUNT(*) FROM "
        + "(SELECT id FROM kv WHERE id > ? AND id <= ? ORDER BY id LIMIT " + COMPACT_STEP_ROWS
        + ")");
    // superseded rows and tombstones at or below the target; the newest row at or below the
    // target of every live key stays, so reads at the target still work
    compactDelete = connection.prepareStatement("DELETE FROM kv WHERE id > ? AND id <= ? AND "
        + "(deleted = 1 OR EXISTS (SELECT 1 FROM kv AS newer WHERE newer.name = kv.name "
        + "AND newer.id > kv.id AND newer.id <= ?))");
    saveCompacted = connection.prepareStatement(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('compacted_revision', ?)");
    thread = new Thread(this::run, "sqlite-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a write; it is failed at once if the store is closing. */
  void submit(WriteOp op) {
    if (closing) {
      op.result().completeExceptionally(closed());
      return;
    }
    queue.add(op);
    if (closing && queue.remove(op)) {
      op.result().completeExceptionally(closed());
    }
  }

  /** Starts a compaction to {@code target}. */
  void compact(long target, CompletableFuture<Void> result) {
    submit(new WriteOp.CompactStep(target, -1, result));
  }

  private void run() {
    List<WriteOp> batch = new ArrayList<>();
    long nextProgress = System.nanoTime() + PROGRESS_INTERVAL_NANOS;
    while (!closing) {
      try {
        if (System.nanoTime() - nextProgress >= 0) {
          hub.progress(revisions.committed());
          nextProgress = System.nanoTime() + PROGRESS_INTERVAL_NANOS;
        }
        WriteOp first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        List<WriteOp> writes = new ArrayList<>(batch.size());
        for (WriteOp op : batch) {
          if (op instanceof WriteOp.CompactStep step) {
            compactStep(step);
          } else {
            writes.add(op);
          }
        }
        if (!writes.isEmpty()) {
          commitGroup(writes);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        LOG.error("sqlite writer failed a batch unexpectedly", e);
        for (WriteOp op : batch) {
          op.result().completeExceptionally(
              new StoreException.Unavailable("sqlite writer failed: " + e, e));
        }
      } finally {
        batch.clear();
      }
    }
    WriteOp left;
    while ((left = queue.poll()) != null) {
      left.result().completeExceptionally(closed());
    }
  }

  /** Outcomes of a transaction, acted on only once it has committed. */
  private static final class Group {
    long revision;
    final List<WatchEvent> events = new ArrayList<>();
    final List<Runnable> completions = new ArrayList<>();

    Group(long revision) {
      this.revision = revision;
    }
  }

  private void commitGroup(List<WriteOp> writes) {
    Group group = new Group(revisions.committed());
    try {
      for (WriteOp op : writes) {
        apply(op, group);
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      if (writes.size() > 1) {
        // one bad write (say, a value too big) must not fail its neighbours: retry alone
        for (WriteOp op : writes) {
          commitGroup(List.of(op));
        }
      } else {
        LOG.error("sqlite write failed", e);
        writes.get(0).result().completeExceptionally(
            new StoreException.Unavailable("sqlite write failed: " + e.getMessage(), e));
      }
      return;
    }
    revisions.committed(group.revision);
    if (!group.events.isEmpty()) {
      hub.publish(List.copyOf(group.events));
    }
    completer.execute(() -> group.completions.forEach(Runnable::run));
  }

  private void apply(WriteOp op, Group group) throws SQLException {
    if (op instanceof WriteOp.Create create) {
      CreateResult outcome = create(create.key(), create.value(), group);
      if (outcome.created()) {
        group.completions.add(() -> create.result().complete(outcome.revision()));
      } else {
        group.completions.add(() -> create.result().completeExceptionally(outcome.error()));
      }
    } else if (op instanceof WriteOp.CreateAll all) {
      List<CreateResult> outcomes = new ArrayList<>(all.writes().size());
      for (KeyValue.Write write : all.writes()) {
        outcomes.add(create(write.key(), write.value(), group));
      }
      group.completions.add(() -> all.result().complete(outcomes));
    } else if (op instanceof WriteOp.Update update) {
      update(update, group);
    } else if (op instanceof WriteOp.Delete delete) {
      delete(delete, group);
    } else {
      throw new IllegalStateException("not a group write: " + op);
    }
  }

  /** The newest row of a key. */
  private record Row(long id, boolean deleted, long createRevision, byte[] value) {}

  private Row latest(String key) throws SQLException {
    latest.setString(1, key);
    try (ResultSet rows = latest.executeQuery()) {
      if (!rows.next()) {
        return null;
      }
      return new Row(rows.getLong(1), rows.getInt(2) != 0, rows.getLong(3), rows.getBytes(4));
    }
  }

  private void insert(long id, String key, boolean created, boolean deleted, long createRevision,
      long prevRevision, byte[] value, byte[] oldValue) throws SQLException {
    insert.setLong(1, id);
    insert.setString(2, key);
    insert.setInt(3, created ? 1 : 0);
    insert.setInt(4, deleted ? 1 : 0);
    insert.setLong(5, createRevision);
    insert.setLong(6, prevRevision);
    insert.setBytes(7, value);
    insert.setBytes(8, oldValue);
    insert.executeUpdate();
  }

  private CreateResult create(String key, byte[] value, Group group) throws SQLException {
    Row current = latest(key);
    if (current != null && !current.deleted()) {
      return new CreateResult(key, 0, new StoreException.KeyExists(key));
    }
    long revision = ++group.revision;
    insert(revision, key, true, false, revision, current == null ? 0 : current.id(), value, null);
    group.events.add(new WatchEvent(WatchEvent.Type.PUT, key, value, revision, true));
    return new CreateResult(key, revision, null);
  }

  private void update(WriteOp.Update update, Group group) throws SQLException {
    String key = update.key();
    Row current = latest(key);
    StoreException error = precondition(key, current, update.expectedRevision());
    if (error != null) {
      group.completions.add(() -> update.result().completeExceptionally(error));
      return;
    }
    long revision = ++group.revision;
    insert(revision, key, false, false, current.createRevision(), current.id(), update.value(),
        current.value());
    group.events.add(new WatchEvent(WatchEvent.Type.PUT, key, update.value(), revision, false));
    group.completions.add(() -> update.result().complete(revision));
  }

  private void delete(WriteOp.Delete delete, Group group) throws SQLException {
    String key = delete.key();
    Row current = latest(key);
    StoreException error = delete.expectedRevision() == 0 && current != null && !current.deleted()
        ? null : precondition(key, current, delete.expectedRevision());
    if (error != null) {
      group.completions.add(() -> delete.result().completeExceptionally(error));
      return;
    }
    long revision = ++group.revision;
    // the tombstone keeps the last value so DELETE events (and watch backfill) can carry it
    insert(revision, key, false, true, current.createRevision(), current.id(), current.value(),
        current.value());
    group.events.add(new WatchEvent(WatchEvent.Type.DELETE, key, current.value(), revision, false));
    group.completions.add(() -> delete.result().complete(revision));
  }

  private static StoreException precondition(String key, Row current, long expectedRevision) {
    if (current == null || current.deleted()) {
      return new StoreException.NotFound(key);
    }
    if (current.id() != expectedRevision) {
      return new StoreException.Conflict(key,
          new KeyValue(key, current.value(), current.createRevision(), current.id()));
    }
    return null;
  }

  private void compactStep(WriteOp.CompactStep step) {
    CompletableFuture<Void> result = step.result();
    try {
      long cursor = step.cursor();
      if (cursor < 0) {
        if (step.target() <= revisions.compacted()) {
          completer.execute(() -> result.complete(null));
          return;
        }
        if (step.target() > revisions.committed()) {
          long current = revisions.committed();
          completer.execute(() -> result.completeExceptionally(new IllegalArgumentException(
              "revision: " + step.target() + " is in the future (current revision " + current
                  + ")")));
          return;
        }
        // record the compacted revision before deleting anything: readers check it after their
        // query, so a read that raced with the deletes reports Compacted rather than a hole
        saveCompacted.setLong(1, step.target());
        saveCompacted.executeUpdate();
        connection.commit();
        revisions.compacted(step.target());
        cursor = 0;
      }
      compactBound.setLong(1, cursor);
      compactBound.setLong(2, step.target());
      long bound;
      int examined;
      try (ResultSet rows = compactBound.executeQuery()) {
        rows.next();
        bound = rows.getLong(1);
        examined = rows.getInt(2);
      }
      if (examined > 0) {
        compactDelete.setLong(1, cursor);
        compactDelete.setLong(2, bound);
        compactDelete.setLong(3, step.target());
        compactDelete.executeUpdate();
        connection.commit();
      }
      if (examined < COMPACT_STEP_ROWS) {
        completer.execute(() -> result.complete(null));
      } else {
        submit(new WriteOp.CompactStep(step.target(), bound, result));
      }
    } catch (SQLException e) {
      rollback();
      LOG.error("sqlite compaction to revision {} failed", step.target(), e);
      completer.execute(() -> result.completeExceptionally(new StoreException.Unavailable(
          "sqlite compaction failed: " + e.getMessage(), e)));
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.warn("sqlite rollback failed", e);
    }
  }

  private static StoreException closed() {
    return new StoreException.Unavailable("store closed", null);
  }

  /** Stops taking writes, fails the queued ones, and waits for the current batch to commit. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
