package io.peloton.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A running watch; close it to stop receiving events. */
public final class WatchStream implements AutoCloseable {
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicBoolean opened = new AtomicBoolean();
  private volatile CompletableFuture<?> pending;
  private volatile AutoCloseable body;

  void attach(CompletableFuture<?> request) {
    this.pending = request;
  }

  /** The response body being read; closing it is what interrupts a blocked reader. */
  void attachBody(AutoCloseable responseBody) {
    this.body = responseBody;
    opened.set(true);
    if (closed.get()) {
      closeBody();
    }
  }

  private void closeBody() {
    AutoCloseable b = body;
    if (b != null) {
      try {
        b.close();
      } catch (Exception e) {
        // already closed
      }
    }
  }

  boolean closed() {
    return closed.get();
  }

  void finish(Consumer<Throwable> onEnd, Throwable error) {
    if (finished.compareAndSet(false, true)) {
      onEnd.accept(closed.get() ? null : error);
    }
  }

  /** Whether the server accepted the watch and the stream has not ended yet. */
  public boolean isOpen() {
    return opened.get() && !finished.get();
  }

  /** Whether the stream has ended (closed, or ended by the server or an error). */
  public boolean ended() {
    return finished.get();
  }

  @Override
  public void close() {
    closed.set(true);
    CompletableFuture<?> p = pending;
    if (p != null) {
      p.cancel(true);
    }
    closeBody();
  }
}
