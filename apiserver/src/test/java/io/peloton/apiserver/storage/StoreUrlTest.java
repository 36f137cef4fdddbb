package io.peloton.apiserver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.apiserver.storage.sqlite.SqliteStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreUrlTest {
  @TempDir
  Path dir;

  @Test
  void sqliteUrlOpensAWorkingSqliteStore() throws Exception {
    Path file = dir.resolve("api.db");
    try (Store store = StoreUrl.open("sqlite:" + file)) {
      SqliteStore sqlite = assertInstanceOf(SqliteStore.class, store);
      assertEquals(file, sqlite.file());
      assertTrue(store.create("/k", new byte[] {1}).get() > 0);
    }
  }

  @Test
  void sqliteUrlAcceptsTheTripleSlashForm() {
    assertEquals(Path.of("/var/lib/peloton/api.db"),
        StoreUrl.sqliteFile("sqlite:///var/lib/peloton/api.db"));
    assertEquals(Path.of("api.db"), StoreUrl.sqliteFile("sqlite:api.db"));
  }

  @Test
  void etcdUrlBecomesHttpEndpoints() {
    assertEquals(List.of("http://127.0.0.1:2379", "http://etcd-2:2379"),
        StoreUrl.etcdEndpoints("etcd://127.0.0.1:2379,etcd-2:2379"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "postgres://db", "sqlite:", "sqlite::memory:",
      "etcd://", "etcd://host", "etcd://host:", "etcd://host:abc", "etcd://host:70000",
      "etcd://h:1,", "etcd://:2379", "/tmp/file.db"})
  void malformedUrlsAreRejectedWithTheExpectedShape(String url) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> StoreUrl.open(url));
    assertTrue(error.getMessage().startsWith(
        "store URL must be sqlite:<file>[?recover=true] or etcd://host:port[,host:port]"),
        error.getMessage());
  }

  @Test
  void nullUrlIsRejectedToo() {
    assertThrows(IllegalArgumentException.class, () -> StoreUrl.open(null));
  }

  @Test
  void sqliteFileInAMissingDirectoryIsUnavailableNamingIt() {
    StoreException error = assertThrows(StoreException.Unavailable.class,
        () -> StoreUrl.open("sqlite:" + dir.resolve("no/such/dir/api.db")));
    assertTrue(error.getMessage().contains("does not exist"), error.getMessage());
  }
}
