package io.peloton.apiserver.storage.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.watch.WatchResponse;
import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.Watch;
import io.peloton.apiserver.storage.WatchEvent;
import io.peloton.apiserver.storage.WatchListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one jetcd prefix watch to the storage port: maps events (DELETE carries the previous
 * value), progress notifications, and the cancel reasons that end a watch.
 */
final class EtcdWatch implements Watch, io.etcd.jetcd.Watch.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);

  private final String prefix;
  private final long afterRevision;
  private final WatchListener listener;
  private final LongConsumer compactionSeen;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile io.etcd.jetcd.Watch.Watcher watcher;
  private volatile long lastRevision;

  EtcdWatch(String prefix, long afterRevision, WatchListener listener,
      LongConsumer compactionSeen) {
    this.prefix = prefix;
    this.afterRevision = afterRevision;
    this.listener = listener;
    this.compactionSeen = compactionSeen;
    this.lastRevision = afterRevision;
  }

  void attach(io.etcd.jetcd.Watch.Watcher watcher) {
    this.watcher = watcher;
    if (ended.get()) {
      watcher.close();
    }
  }

  @Override
  public void onNext(WatchResponse response) {
    if (ended.get()) {
      return;
    }
    if (response.getEvents().isEmpty()) {
      if (response.isProgressNotify()) {
        long revision = response.getHeader().getRevision();
        if (revision > lastRevision) {
          lastRevision = revision;
        }
        listener.onProgress(revision);
      }
      return;
    }
    List<WatchEvent> events = new ArrayList<>(response.getEvents().size());
    for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
      events.add(toEvent(event));
    }
    lastRevision = events.get(events.size() - 1).revision();
    try {
      listener.onEvents(events);
    } catch (RuntimeException e) {
      LOG.warn("watch listener on {} threw; events still flow", prefix, e);
    }
  }

  private static WatchEvent toEvent(io.etcd.jetcd.watch.WatchEvent event) {
    io.etcd.jetcd.KeyValue kv = event.getKeyValue();
    String key = kv.getKey().toString(StandardCharsets.UTF_8);
    if (event.getEventType() == io.etcd.jetcd.watch.WatchEvent.EventType.DELETE) {
      io.etcd.jetcd.KeyValue previous = event.getPrevKV();
      byte[] last = previous == null || previous.getValue() == null ? new byte[0]
          : previous.getValue().getBytes();
      return new WatchEvent(WatchEvent.Type.DELETE, key, last, kv.getModRevision(), false);
    }
    return new WatchEvent(WatchEvent.Type.PUT, key, kv.getValue().getBytes(), kv.getModRevision(),
        kv.getCreateRevision() == kv.getModRevision());
  }

  @Override
  public void onError(Throwable error) {
    Throwable cause = EtcdErrors.unwrap(error);
    if (cause instanceof CompactedException compacted) {
      compactionSeen.accept(compacted.getCompactedRevision());
      end(new StoreException.Compacted(afterRevision, compacted.getCompactedRevision()));
    } else if (cause instanceof EtcdException etcd
        && (etcd.getErrorCode() == ErrorCode.OUT_OF_RANGE
            || etcd.getErrorCode() == ErrorCode.FAILED_PRECONDITION)) {
      // etcd cancelled the watch: jetcd will not resume it
      end(new StoreException.Unavailable("etcd cancelled the watch on " + prefix + ": "
          + etcd.getMessage(), etcd));
    } else {
      // jetcd resumes the watch by itself from the revision after the last event it delivered
      LOG.warn("watch on {} interrupted after revision {}, resuming: {}", prefix, lastRevision,
          String.valueOf(cause));
    }
  }

  @Override
  public void onCompleted() {
    // jetcd also calls this when we close; otherwise the stream ended for good
    end(new StoreException.Unavailable("etcd ended the watch on " + prefix, null));
  }

  private void end(Throwable error) {
    if (ended.compareAndSet(false, true)) {
      io.etcd.jetcd.Watch.Watcher current = watcher;
      if (current != null) {
        current.close();
      }
      listener.onError(error);
    }
  }

  @Override
  public void close() {
    if (ended.compareAndSet(false, true)) {
      io.etcd.jetcd.Watch.Watcher current = watcher;
      if (current != null) {
        current.close();
      }
    }
  }

  static ByteSequence bytes(String value) {
    return ByteSequence.from(value, StandardCharsets.UTF_8);
  }
}
