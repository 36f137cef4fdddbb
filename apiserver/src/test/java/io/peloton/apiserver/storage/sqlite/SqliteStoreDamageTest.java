package io.peloton.apiserver.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.apiserver.storage.KeyValue;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.StoreUrl;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite store that lost data it had is refused at open, unless asked to recover. */
class SqliteStoreDamageTest {
  private static final int KEYS = 400;

  @TempDir
  Path dir;

  private static long fill(Store store, int keys) throws Exception {
    List<KeyValue.Write> writes = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      writes.add(new KeyValue.Write("/jobs/" + i, new byte[512]));
    }
    // one create per key, like the API server's creates, so every key is its own revision
    long last = 0;
    for (KeyValue.Write w : writes) {
      last = store.create(w.key(), w.value()).get(30, TimeUnit.SECONDS);
    }
    return last;
  }

  private static long marked(Path db) throws Exception {
    Path marker = db.resolveSibling(db.getFileName() + ".revision");
    if (!Files.exists(marker)) {
      return -1;
    }
    return Long.parseLong(Files.readString(marker).trim().substring("revision=".length()));
  }

  private static long count(Store store) throws Exception {
    return store.list("/jobs/", 0, null, 0).get(30, TimeUnit.SECONDS).items().size();
  }

  @Test
  void aDatabaseTruncatedToZeroBytesIsRefusedNamingWhatWasFound() throws Exception {
    Path db = dir.resolve("store.db");
    long last;
    try (SqliteStore store = SqliteStore.open(db)) {
      last = fill(store, 20);
    }
    assertEquals(last, marked(db), "a clean close records the last revision");
    Files.write(db, new byte[0]);

    StoreException.Unavailable refused =
        assertThrows(StoreException.Unavailable.class, () -> SqliteStore.open(db));
    String message = refused.getMessage();
    assertTrue(message.contains(db.toString()) && message.contains("revision 0")
        && message.contains("revision " + last) && message.contains("--store-recover"), message);
    // refusing wrote nothing: the file is still as damaged as it was, and still refused
    assertEquals(0, Files.size(db));
    assertThrows(StoreException.Unavailable.class, () -> SqliteStore.open(db));
  }

  @Test
  void garbageInTheWalThatMakesSqliteDropItsTailIsRefused() throws Exception {
    Path db = dir.resolve("store.db");
    Path crashed = Files.createDirectory(dir.resolve("crashed")).resolve("store.db");
    try (SqliteStore store = SqliteStore.open(db)) {
      long last = fill(store, KEYS);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> marked(db) == last);
      // what a kill -9 leaves: the database, its WAL and the marker, with the WAL not yet
      // checkpointed (copied while the store is open and idle)
      Files.copy(db, crashed);
      Files.copy(Path.of(db + "-wal"), Path.of(crashed + "-wal"));
      Files.copy(Path.of(db + ".revision"), Path.of(crashed + ".revision"));
    }
    Path wal = Path.of(crashed + "-wal");
    long walSize = Files.size(wal);
    assertTrue(walSize > 100_000, "the writes should still be in the WAL: " + walSize);
    byte[] garbage = new byte[256];
    new Random(14).nextBytes(garbage);
    try (RandomAccessFile file = new RandomAccessFile(wal.toFile(), "rw")) {
      // into the third frame after the WAL header (32 bytes; frames are a 24-byte header and a
      // 4 KiB page): frames are written from the start again after each checkpoint, so this is
      // live data, and every frame after it fails the cumulative checksum too
      file.seek(32 + 2 * (24 + 4096) + 100);
      file.write(garbage);
    }

    StoreException.Unavailable refused =
        assertThrows(StoreException.Unavailable.class, () -> SqliteStore.open(crashed));
    assertTrue(refused.getMessage().contains("revision(s) are missing")
        && refused.getMessage().contains("revision " + KEYS + " was committed"),
        refused.getMessage());

    // asked to recover, it serves what is left, records it, and opens plainly afterwards
    long left;
    try (Store store = StoreUrl.open("sqlite:" + crashed + "?recover=true")) {
      left = store.currentRevision().get();
      assertTrue(left < KEYS, "SQLite dropped the WAL's tail: " + left);
      assertEquals(left, count(store));
    }
    try (SqliteStore store = SqliteStore.open(crashed)) {
      assertEquals(left, store.currentRevision().get());
    }
  }

  @Test
  void aCleanRestartAndAStoreFromBeforeTheMarkerOpenWithoutAlarm() throws Exception {
    Path db = dir.resolve("store.db");
    long last;
    try (SqliteStore store = SqliteStore.open(db)) {
      last = fill(store, 10);
    }
    try (SqliteStore store = SqliteStore.open(db)) {
      assertEquals(last, store.currentRevision().get());
      last = store.create("/jobs/more", new byte[1]).get();
    }
    // a store written before markers existed gets one at its next open
    Files.delete(db.resolveSibling("store.db.revision"));
    try (SqliteStore store = SqliteStore.open(db)) {
      assertEquals(11, count(store));
      assertEquals(last, marked(db));
    }
    // a store removed together with its marker is a new, empty store
    Files.delete(db);
    Files.delete(db.resolveSibling("store.db.revision"));
    try (SqliteStore store = SqliteStore.open(db)) {
      assertEquals(0, store.currentRevision().get());
    }
  }

  @Test
  void aMarkerThatIsNotOneIsRefusedRatherThanIgnored() throws Exception {
    Path db = dir.resolve("store.db");
    Files.writeString(db.resolveSibling("store.db.revision"), "hello", StandardCharsets.UTF_8);
    StoreException.Unavailable refused =
        assertThrows(StoreException.Unavailable.class, () -> SqliteStore.open(db));
    assertTrue(refused.getMessage().contains("is not a revision marker"), refused.getMessage());
  }
}
