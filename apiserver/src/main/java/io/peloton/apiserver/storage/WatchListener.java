package io.peloton.apiserver.storage;

import java.util.List;

/** Receives a watch's events, in revision order, from one thread at a time. */
public interface WatchListener {
  /** A batch of consecutive events (one or more). */
  void onEvents(List<WatchEvent> events);

  /**
   * The store has seen every change up to {@code revision} (sent when idle, so a watcher of a
   * quiet prefix still learns how current it is). Optional for backends.
   */
  default void onProgress(long revision) {}

  /** The watch ended with an error (e.g. {@link StoreException.Compacted}); no more events. */
  void onError(Throwable error);
}
