package io.peloton.apiserver.storage;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A watch listener that records what it gets, for tests. */
public final class RecordingListener implements WatchListener {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private final List<WatchEvent> events = new CopyOnWriteArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final AtomicInteger concurrentCalls = new AtomicInteger();
  private volatile boolean overlapped;
  private volatile long progress;

  @Override
  public void onEvents(List<WatchEvent> batch) {
    if (concurrentCalls.incrementAndGet() > 1) {
      overlapped = true;
    }
    events.addAll(batch);
    concurrentCalls.decrementAndGet();
  }

  @Override
  public void onProgress(long revision) {
    progress = Math.max(progress, revision);
  }

  /** The highest revision reported by onProgress (0: none). */
  public long progress() {
    return progress;
  }

  @Override
  public void onError(Throwable error) {
    errors.add(error);
  }

  public List<WatchEvent> events() {
    return new ArrayList<>(events);
  }

  public List<Throwable> errors() {
    return new ArrayList<>(errors);
  }

  /** Whether two calls ever ran at once (the contract says one thread at a time). */
  public boolean overlapped() {
    return overlapped;
  }

  /** Waits until at least {@code count} events arrived, and returns them all. */
  public List<WatchEvent> awaitEvents(int count) {
    await().atMost(DEADLINE).until(() -> events.size() >= count || !errors.isEmpty());
    if (events.size() < count) {
      throw new AssertionError("watch failed after " + events.size() + " events", errors.get(0));
    }
    return events();
  }

  /** Waits for the watch to end with an error, and returns it. */
  public Throwable awaitError() {
    await().atMost(DEADLINE).until(() -> !errors.isEmpty());
    return errors.get(0);
  }
}
