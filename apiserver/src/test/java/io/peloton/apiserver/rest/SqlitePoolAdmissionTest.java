package io.peloton.apiserver.rest;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Pool-aware admission over the embedded SQLite store. */
class SqlitePoolAdmissionTest extends PoolAdmissionContractTest {
  @TempDir
  static Path dir;

  @Override
  String storeUrl() {
    return "sqlite:" + dir.resolve("api.db");
  }
}
