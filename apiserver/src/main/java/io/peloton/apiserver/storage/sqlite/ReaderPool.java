package io.peloton.apiserver.storage.sqlite;

import io.peloton.apiserver.storage.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A few read-only connections, each used by one worker thread at a time, for blocking reads. */
final class ReaderPool implements AutoCloseable {
  /** A read that may throw SQL errors. */
  @FunctionalInterface
  interface Read<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final BlockingQueue<Connection> idle;
  private final List<Connection> all = new ArrayList<>();
  private final ExecutorService workers;

  ReaderPool(Path file, int size) throws SQLException {
    idle = new ArrayBlockingQueue<>(size);
    try {
      for (int i = 0; i < size; i++) {
        Connection connection = SqliteConnections.open(file);
        all.add(connection);
        idle.add(connection);
      }
    } catch (SQLException e) {
      closeConnections();
      throw e;
    }
    AtomicInteger counter = new AtomicInteger();
    // as many threads as connections, so taking a connection never waits
    workers = Executors.newFixedThreadPool(size, runnable -> {
      Thread thread = new Thread(runnable, "sqlite-reader-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Runs the read on a worker; the future fails with the read's StoreException or
   * IllegalArgumentException as thrown, and with {@link StoreException.Unavailable} for SQL errors.
   */
  <T> CompletableFuture<T> submit(Read<T> read) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      workers.execute(() -> {
        Connection connection = idle.poll();
        if (connection == null) {
          result.completeExceptionally(new StoreException.Unavailable("store closed", null));
          return;
        }
        try {
          result.complete(read.apply(connection));
        } catch (SQLException e) {
          result.completeExceptionally(
              new StoreException.Unavailable("sqlite read failed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        } finally {
          idle.add(connection);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new StoreException.Unavailable("store closed", e));
    }
    return result;
  }

  @Override
  public void close() {
    workers.shutdown();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeConnections();
  }

  private void closeConnections() {
    for (Connection connection : all) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing: nothing useful to do
      }
    }
  }
}
