package io.peloton.apiserver.storage;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.peloton.apiserver.storage.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCompactorTest {
  @TempDir
  Path dir;
  private SqliteStore sqlite;
  private FlakyCompactionStore store;

  @BeforeEach
  void open() {
    sqlite = SqliteStore.open(dir.resolve("store.db"));
    store = new FlakyCompactionStore(sqlite);
  }

  @AfterEach
  void close() {
    sqlite.close();
  }

  private long write(String key) throws Exception {
    return sqlite.create(key, new byte[] {1}).get(60, TimeUnit.SECONDS);
  }

  private static void tick(StoreCompactor compactor) throws Exception {
    compactor.tick().get(60, TimeUnit.SECONDS);
  }

  @Test
  void eachTickCompactsToTheRevisionSeenAtThePreviousTick() throws Exception {
    try (StoreCompactor compactor = new StoreCompactor(store, Duration.ofMinutes(5))) {
      long first = write("/a");
      tick(compactor); // nothing seen before: nothing compacted, remembers `first`
      assertEquals(0, sqlite.compactedRevision().get());

      long second = write("/b");
      tick(compactor);
      assertEquals(first, sqlite.compactedRevision().get());
      assertEquals(first, compactor.compactedRevision());

      write("/c");
      tick(compactor);
      assertEquals(second, sqlite.compactedRevision().get());
      assertEquals(2, compactor.compactionCount());
      assertEquals(0, compactor.failureCount());
    }
  }

  @Test
  void aFailedCompactionIsCountedAndRetriedAtTheNextTick() throws Exception {
    try (StoreCompactor compactor = new StoreCompactor(store, Duration.ofMinutes(5))) {
      long first = write("/a");
      tick(compactor);
      store.failCompaction = true;
      long second = write("/b");
      tick(compactor);
      assertEquals(1, compactor.failureCount());
      assertEquals(0, sqlite.compactedRevision().get());

      store.failCompaction = false;
      write("/c");
      tick(compactor);
      assertEquals(second, sqlite.compactedRevision().get());
      assertEquals(1, compactor.failureCount());
      assertEquals(1, compactor.compactionCount());
      assertEquals(List.of(first, second), store.compactionsAsked.subList(0, 2));
    }
  }

  @Test
  void startedCompactorTicksOnItsOwn() throws Exception {
    long first = write("/a");
    try (StoreCompactor compactor = new StoreCompactor(store, Duration.ofMillis(50)).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> compactor.compactionCount() > 0);
      assertEquals(first, sqlite.compactedRevision().get());
    }
  }

  @Test
  void intervalMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new StoreCompactor(store, Duration.ZERO));
  }

  @Test
  void compactingTheFutureIsRejectedNamingTheRevision() throws Exception {
    long now = write("/a");
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> sqlite.compact(now + 10).get(60, TimeUnit.SECONDS));
    assertInstanceOf(IllegalArgumentException.class, error.getCause());
  }

  /** A store whose compaction fails on demand. */
  private static final class FlakyCompactionStore implements Store {
    private final Store delegate;
    volatile boolean failCompaction;
    final List<Long> compactionsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    FlakyCompactionStore(Store delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Void> compact(long revision) {
      compactionsAsked.add(revision);
      if (failCompaction) {
        return CompletableFuture.failedFuture(
            new StoreException.Unavailable("disk on fire (test)", null));
      }
      return delegate.compact(revision);
    }

    @Override
    public CompletableFuture<Long> create(String key, byte[] value) {
      return delegate.create(key, value);
    }

    @Override
    public CompletableFuture<List<CreateResult>> createAll(List<KeyValue.Write> writes) {
      return delegate.createAll(writes);
    }

    @Override
    public CompletableFuture<Long> update(String key, byte[] value, long expectedRevision) {
      return delegate.update(key, value, expectedRevision);
    }

    @Override
    public CompletableFuture<Long> delete(String key, long expectedRevision) {
      return delegate.delete(key, expectedRevision);
    }

    @Override
    public CompletableFuture<KeyValue> get(String key) {
      return delegate.get(key);
    }

    @Override
    public CompletableFuture<Page> list(String prefix, long revision, String afterKey,
        int limit) {
      return delegate.list(prefix, revision, afterKey, limit);
    }

    @Override
    public CompletableFuture<Long> currentRevision() {
      return delegate.currentRevision();
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      return delegate.watch(prefix, afterRevision, listener);
    }

    @Override
    public CompletableFuture<Long> compactedRevision() {
      return delegate.compactedRevision();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
