package io.peloton.apiserver.storage.sqlite;

import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.Watch;
import io.peloton.apiserver.storage.WatchEvent;
import io.peloton.apiserver.storage.WatchListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch on the SQLite store. It joins the live feed first, then replays the table after the
 * requested revision in pages, then drains the live events it buffered meanwhile, skipping any
 * revision already delivered: no gaps, no duplicates.
 */
final class SqliteWatch implements Watch {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteWatch.class);
  private static final int BACKFILL_PAGE = 1000;
  /** A watcher this far behind the live feed is ended rather than let it eat the heap. */
  static final long MAX_PENDING_EVENTS = 200_000;

  private final String prefix;
  private final String prefixEnd;
  private final WatchListener listener;
  private final ReaderPool readers;
  private final Revisions revisions;
  private final WatchHub hub;
  private final SerialExecutor delivery;
  /** Batches of events ({@code List<WatchEvent>}) and progress marks ({@code Long}), in order. */
  private final Queue<Object> pending = new ConcurrentLinkedQueue<>();
  private final AtomicLong pendingEvents = new AtomicLong();
  private volatile boolean live;
  private volatile boolean closed;
  /** Written only by the writer thread. */
  private long lastProgressOffered;
  /** Every revision up to here has been delivered or skipped; touched only by delivery tasks. */
  private long delivered;

  SqliteWatch(String prefix, WatchListener listener, ReaderPool readers, Revisions revisions,
      WatchHub hub, Executor deliveryPool) {
    this.prefix = prefix;
    this.prefixEnd = KeyRanges.prefixEnd(prefix);
    this.listener = listener;
    this.readers = readers;
    this.revisions = revisions;
    this.hub = hub;
    this.delivery = new SerialExecutor(deliveryPool);
  }

  /** Joins the live feed, then replays history after {@code afterRevision}. */
  void start(long afterRevision) {
    hub.register(this);
    // read only after registering: every later commit reaches us through offer()
    long upTo = revisions.committed();
    long compacted = revisions.compacted();
    if (afterRevision < compacted) {
      fail(new StoreException.Compacted(afterRevision, compacted));
      return;
    }
    delivery.execute(() -> delivered = afterRevision);
    if (afterRevision >= upTo) {
      goLive();
    } else {
      backfill(afterRevision, upTo);
    }
  }

  /** A page of history: the events found and the revision the page covers up to. */
  private record Backfill(List<WatchEvent> events, long coveredTo) {}

  private void backfill(long after, long upTo) {
    readers.submit(connection -> readPage(connection, after, upTo))
        .whenComplete((page, error) -> delivery.execute(() -> {
          if (closed) {
            return;
          }
          if (error != null) {
            fail(error);
            return;
          }
          deliver(page.events());
          delivered = Math.max(delivered, page.coveredTo());
          if (page.coveredTo() < upTo) {
            backfill(page.coveredTo(), upTo);
          } else {
            goLive();
          }
        }));
  }

  private Backfill readPage(Connection connection, long after, long upTo) throws SQLException {
    // "+name" keeps SQLite on the primary key (revision) range: a watch replays recent history,
    // and walking a busy prefix's name index would visit all of its history on every page
    String sql = "SELECT id, name, created, deleted, value FROM kv WHERE id > ? AND id <= ?"
        + " AND +name >= ?" + (prefixEnd == null ? "" : " AND +name < ?")
        + " ORDER BY id LIMIT " + BACKFILL_PAGE;
    List<WatchEvent> events = new ArrayList<>();
    int scanned = 0;
    long lastId = after;
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setLong(1, after);
      query.setLong(2, upTo);
      query.setString(3, prefix);
      if (prefixEnd != null) {
        query.setString(4, prefixEnd);
      }
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          scanned++;
          lastId = rows.getLong(1);
          String key = rows.getString(2);
          if (!key.startsWith(prefix)) {
            continue; // only when the prefix has no expressible upper bound
          }
          boolean deleted = rows.getInt(4) != 0;
          events.add(new WatchEvent(deleted ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT,
              key, rows.getBytes(5), lastId, rows.getInt(3) != 0));
        }
      }
    }
    // compaction records its revision before deleting: if it moved past us, rows may be missing
    long compacted = revisions.compacted();
    if (after < compacted) {
      throw new StoreException.Compacted(after, compacted);
    }
    long coveredTo = scanned < BACKFILL_PAGE ? upTo : lastId;
    return new Backfill(events, coveredTo);
  }

  private void goLive() {
    live = true;
    delivery.execute(this::drain);
  }

  /** Called by the hub (on the writer thread) with each committed batch; never blocks. */
  void offer(List<WatchEvent> events) {
    if (closed) {
      return;
    }
    List<WatchEvent> matching = new ArrayList<>();
    for (WatchEvent event : events) {
      if (event.key().startsWith(prefix)) {
        matching.add(event);
      }
    }
    if (matching.isEmpty()) {
      return;
    }
    if (pendingEvents.addAndGet(matching.size()) > MAX_PENDING_EVENTS) {
      delivery.execute(() -> fail(new StoreException.Unavailable(
          "watch on " + prefix + " fell more than " + MAX_PENDING_EVENTS
              + " events behind; restart it from the last revision seen", null)));
      return;
    }
    pending.add(matching);
    if (live) {
      delivery.execute(this::drain);
    }
  }

  /**
   * Called by the hub (on the writer thread, after the events up to {@code revision} were
   * offered) so a watcher of a quiet prefix learns how current it is.
   */
  void offerProgress(long revision) {
    if (closed || revision <= lastProgressOffered) {
      return;
    }
    lastProgressOffered = revision;
    pending.add(revision);
    if (live) {
      delivery.execute(this::drain);
    }
  }

  @SuppressWarnings("unchecked")
  private void drain() {
    Object item;
    while (!closed && (item = pending.poll()) != null) {
      if (item instanceof Long revision) {
        if (revision > delivered) {
          delivered = revision; // every event up to it came before this mark
          try {
            listener.onProgress(revision);
          } catch (RuntimeException e) {
            LOG.warn("watch listener on {} threw from onProgress", prefix, e);
          }
        }
        continue;
      }
      List<WatchEvent> batch = (List<WatchEvent>) item;
      pendingEvents.addAndGet(-batch.size());
      deliver(batch);
    }
  }

  /** Delivers the events above the delivered mark; runs on the delivery executor only. */
  private void deliver(List<WatchEvent> events) {
    List<WatchEvent> fresh = events;
    if (!events.isEmpty() && events.get(0).revision() <= delivered) {
      fresh = new ArrayList<>();
      for (WatchEvent event : events) {
        if (event.revision() > delivered) {
          fresh.add(event);
        }
      }
    }
    if (fresh.isEmpty() || closed) {
      return;
    }
    delivered = fresh.get(fresh.size() - 1).revision();
    try {
      listener.onEvents(fresh);
    } catch (RuntimeException e) {
      LOG.warn("watch listener on {} threw; events still flow", prefix, e);
    }
  }

  /** Ends the watch with an error, once. */
  void fail(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    hub.unregister(this);
    pending.clear();
    delivery.execute(() -> {
      try {
        listener.onError(error);
      } catch (RuntimeException e) {
        LOG.warn("watch listener on {} threw from onError", prefix, e);
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    hub.unregister(this);
    pending.clear();
  }
}
