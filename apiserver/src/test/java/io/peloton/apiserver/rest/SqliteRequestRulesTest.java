package io.peloton.apiserver.rest;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The request rules over the embedded SQLite store. */
class SqliteRequestRulesTest extends RequestRulesContractTest {
  @TempDir
  static Path dir;

  @Override
  String storeUrl() {
    return "sqlite:" + dir.resolve("rules.db");
  }
}
