package io.peloton.apiserver.storage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens connections to the store file with the pragmas and schema the store relies on. */
final class SqliteConnections {
  private SqliteConnections() {}

  /**
   * Opens a connection in WAL mode with synchronous=NORMAL: a commit survives a crash of this
   * process (the WAL is in the OS before COMMIT returns), just not a power loss.
   */
  static Connection open(Path file) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout=30000");
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("PRAGMA synchronous=NORMAL");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /**
   * Creates the append-only revision table (kine's layout: one row per change, id = global
   * revision) and its one index; (name, id) serves latest-row lookups, range reads at a
   * revision and compaction's "is there a newer row" check.
   */
  static void createSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS kv ("
          + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
          + "name TEXT NOT NULL, "
          + "created INTEGER NOT NULL, "
          + "deleted INTEGER NOT NULL, "
          + "create_revision INTEGER NOT NULL, "
          + "prev_revision INTEGER NOT NULL, "
          + "value BLOB, "
          + "old_value BLOB)");
      statement.execute("CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
    }
  }

  /**
   * The last revision ever assigned. AUTOINCREMENT's sequence survives compaction deleting the
   * newest row (a tombstone), which MAX(id) would not.
   */
  static long lastRevision(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'kv'), 0), "
                + "COALESCE((SELECT MAX(id) FROM kv), 0))")) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  /**
   * The last revision in {@code file}, or 0 when it has no store table (new, or emptied); read
   * through a connection without our pragmas, which would write to an empty file.
   */
  static long peekLastRevision(Path file) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(
              "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kv'")) {
        if (!rows.next()) {
          return 0;
        }
      }
      return lastRevision(connection);
    }
  }

  static long compactedRevision(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT value FROM meta WHERE key = 'compacted_revision'")) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }
}
