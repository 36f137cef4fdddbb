package io.peloton.apiserver.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.apiserver.storage.KeyValue;
import io.peloton.apiserver.storage.Page;
import io.peloton.apiserver.storage.RecordingListener;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.StoreContractTest;
import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.WatchEvent;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on SQLite, plus what only a file-backed store has: reopening. */
class SqliteStoreTest extends StoreContractTest {
  @TempDir
  Path dir;

  @Override
  protected Store openStore() {
    return SqliteStore.open(dir.resolve("store.db"));
  }

  private Store reopen() {
    store.close();
    store = SqliteStore.open(dir.resolve("store.db"));
    return store;
  }

  @Test
  void reopeningKeepsEveryAcknowledgedWriteAndTheRevisionCounter() throws Exception {
    long a = await(store.create(prefix + "a", bytes("a1")));
    long a2 = await(store.update(prefix + "a", bytes("a2"), a));
    List<KeyValue.Write> batch = List.of(new KeyValue.Write(prefix + "b", bytes("b")),
        new KeyValue.Write(prefix + "c", bytes("c")));
    await(store.createAll(batch));
    long deleted = await(store.delete(prefix + "c", 0));
    long current = await(store.currentRevision());
    assertEquals(deleted, current);

    reopen();
    assertEquals(current, await(store.currentRevision()));
    Page page = await(store.list(prefix, 0, null, 0));
    assertEquals(List.of(prefix + "a", prefix + "b"), keys(page));
    assertEquals("a2", text(page.items().get(0).value()));
    assertEquals(a2, page.items().get(0).modRevision());
    long next = await(store.create(prefix + "d", bytes("d")));
    assertEquals(current + 1, next);

    RecordingListener history = watch(a);
    assertEquals(List.of(a2), revisions(history.awaitEvents(1)).subList(0, 1));
  }

  @Test
  void reopeningKeepsTheCompactedRevisionAndNeverReusesRevisions() throws Exception {
    long a = await(store.create(prefix + "a", bytes("a")));
    long gone = await(store.delete(prefix + "a", a));
    await(store.compact(gone)); // removes every row, tombstone included

    reopen();
    assertEquals(gone, await(store.compactedRevision()));
    assertEquals(gone, await(store.currentRevision()));
    assertInstanceOf(StoreException.Compacted.class, failure(store.list(prefix, a, null, 0)));
    long next = await(store.create(prefix + "a", bytes("again")));
    assertEquals(gone + 1, next);
  }

  @Test
  void compactionOfALongHistoryRunsInStepsAndKeepsEveryLiveKey() throws Exception {
    long first = await(store.create(prefix + "hot", bytes("0")));
    long revision = first;
    for (int i = 1; i <= 12_000; i++) {
      revision = await(store.update(prefix + "hot", bytes(String.valueOf(i)), revision));
    }
    long cold = await(store.create(prefix + "cold", bytes("cold")));
    RecordingListener live = watch(cold);
    await(store.compact(cold));
    long after = await(store.update(prefix + "hot", bytes("after"), revision));

    Page page = await(store.list(prefix, cold, null, 0));
    assertEquals(List.of(prefix + "cold", prefix + "hot"), keys(page));
    assertEquals("12000", text(page.items().get(1).value()));
    assertEquals(List.of(after), revisions(live.awaitEvents(1)));
    WatchEvent event = live.events().get(0);
    assertEquals("after", text(event.value()));
    assertTrue(live.errors().isEmpty());
  }

  @Test
  void aWatcherOfAQuietPrefixHearsProgress() throws Exception {
    long start = await(store.create(prefix + "a", bytes("a")));
    RecordingListener quiet = watch(start);
    long elsewhere = await(store.create("/elsewhere/x", bytes("x")));
    Awaitility.await().atMost(Duration.ofSeconds(60))
        .until(() -> quiet.progress() >= elsewhere);
    long mine = await(store.create(prefix + "b", bytes("b")));
    assertEquals(List.of(mine), revisions(quiet.awaitEvents(1)));
  }

  @Test
  void aSecondStoreOnTheSameFileIsRefused() throws Exception {
    StoreException.Unavailable error = assertThrows(StoreException.Unavailable.class,
        () -> SqliteStore.open(dir.resolve("store.db")));
    assertTrue(error.getMessage().contains("already open"), error.getMessage());
    assertTrue(await(store.create(prefix + "a", bytes("a"))) > 0); // the first still works
  }

  @Test
  void closingTheStoreEndsWatchesAndFailsLaterCalls() throws Exception {
    RecordingListener listener = watch(0);
    store.close();
    assertInstanceOf(StoreException.Unavailable.class, listener.awaitError());
    assertInstanceOf(StoreException.Unavailable.class,
        failure(store.create(prefix + "late", bytes("x"))));
  }
}
