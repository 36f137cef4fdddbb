package io.peloton.apiserver.rest;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The REST contract over the embedded SQLite store. */
class SqliteApiServerTest extends ApiServerContractTest {
  @TempDir
  static Path dir;

  @Override
  String storeUrl() {
    return "sqlite:" + dir.resolve("api.db");
  }
}
