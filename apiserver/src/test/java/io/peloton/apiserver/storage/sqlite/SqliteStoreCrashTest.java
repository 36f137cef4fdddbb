package io.peloton.apiserver.storage.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.apiserver.storage.KeyValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQLite store killed with SIGKILL mid-stream keeps every write it acknowledged, and opens
 * again without a false alarm from its revision marker.
 */
class SqliteStoreCrashTest {
  private static final int ACKS_BEFORE_KILL = 2000;

  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
    Path file = dir.resolve("crash.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), CrashingWriter.class.getName(), file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    Map<String, Long> acked = new LinkedHashMap<>();
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      // keep it writing until its revision marker exists too: the reopen below then also shows
      // that a kill -9 never leaves the marker ahead of the database (no false alarm)
      Path marker = dir.resolve("crash.db.revision");
      while ((acked.size() < ACKS_BEFORE_KILL || !Files.exists(marker))
          && (line = lines.readLine()) != null) {
        if (line.startsWith("acked ")) {
          String[] parts = line.split(" ");
          acked.put(parts[1], Long.parseLong(parts[2]));
        }
      }
      // writes are still in flight: SIGKILL, no chance to flush or close (through the handle,
      // which unlike Process.destroyForcibly leaves stdout open to read the last lines)
      child.toHandle().destroyForcibly();
      // acknowledgements printed before the kill landed count too
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("acked ")) {
          String[] parts = line.split(" ");
          acked.put(parts[1], Long.parseLong(parts[2]));
        }
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(60, TimeUnit.SECONDS);
    }
    assertEquals(ACKS_BEFORE_KILL, Math.min(acked.size(), ACKS_BEFORE_KILL),
        "the child should have acknowledged writes before it was killed");

    try (SqliteStore reopened = SqliteStore.open(file)) {
      long maxAcked = acked.values().stream().mapToLong(Long::longValue).max().orElseThrow();
      assertTrue(reopened.currentRevision().get() >= maxAcked);
      for (Map.Entry<String, Long> write : acked.entrySet()) {
        KeyValue kv = reopened.get(write.getKey()).get(60, TimeUnit.SECONDS);
        assertNotNull(kv, "acknowledged write lost: " + write.getKey());
        assertEquals(write.getValue(), kv.modRevision());
      }
      long next = reopened.create("/after-crash", new byte[1]).get(60, TimeUnit.SECONDS);
      assertTrue(next > maxAcked);
    }
  }
}
