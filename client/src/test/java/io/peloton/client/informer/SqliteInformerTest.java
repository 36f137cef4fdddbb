package io.peloton.client.informer;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The informer contract over the embedded SQLite store (one fresh store file per test). */
class SqliteInformerTest extends InformerContractTest {
  @TempDir
  Path dir;

  @Override
  String storeUrl() {
    return "sqlite:" + dir.resolve("store.db");
  }
}
