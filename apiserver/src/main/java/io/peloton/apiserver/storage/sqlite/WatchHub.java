package io.peloton.apiserver.storage.sqlite;

import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.WatchEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The live feed: hands each committed batch of events to every open watch, without blocking. */
final class WatchHub {
  private final List<SqliteWatch> watches = new CopyOnWriteArrayList<>();

  void register(SqliteWatch watch) {
    watches.add(watch);
  }

  void unregister(SqliteWatch watch) {
    watches.remove(watch);
  }

  /** Called by the writer, in revision order, right after each commit. */
  void publish(List<WatchEvent> events) {
    for (SqliteWatch watch : watches) {
      watch.offer(events);
    }
  }

  /** Called by the writer, after publishing everything up to {@code revision}. */
  void progress(long revision) {
    for (SqliteWatch watch : watches) {
      watch.offerProgress(revision);
    }
  }

  int size() {
    return watches.size();
  }

  /** Ends every watch with the error (store closing). */
  void failAll(StoreException error) {
    for (SqliteWatch watch : watches) {
      watch.fail(error);
    }
  }
}
