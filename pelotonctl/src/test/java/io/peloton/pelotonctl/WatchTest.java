package io.peloton.pelotonctl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get -w} streams changes and outlives an API server restart. */
class WatchTest {
  @TempDir
  Path tmp;

  private static String job(String name) {
    return """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: %s}
        spec:
          respool: /watchpool
          instanceCount: 1
          defaultConfig:
            resource: {cpuLimit: 1, memLimitMb: 64}
            command: {value: sleep 10}
        """.formatted(name);
  }

  private static long rows(String out, String name) {
    return out.lines().filter(l -> l.contains(" " + name + " ")).count();
  }

  @Test
  void watchPrintsChangesAndSurvivesAServerRestart() throws Exception {
    try (CliHarness cli = new CliHarness(tmp)) {
      Path pool = tmp.resolve("pool.yaml");
      Files.writeString(pool, """
          apiVersion: peloton.io/v1
          kind: ResourcePool
          metadata: {name: watchpool}
          spec:
            parent: /
            resources: [{kind: cpu, limit: 4}, {kind: memory, limit: 4096}]
          """);
      Path first = tmp.resolve("first.yaml");
      Files.writeString(first, job("first"));
      assertEquals(0, cli.run("apply", "-f", pool.toString(), "-f", first.toString()).code());

      CliHarness.Background watch = cli.background("get", "jobs", "-w", "--output-watch-events");
      await().atMost(Duration.ofSeconds(60)).until(() -> rows(watch.out(), "first") == 1);
      assertTrue(watch.out().startsWith("EVENT"), watch::out);

      Path second = tmp.resolve("second.yaml");
      Files.writeString(second, job("second"));
      assertEquals(0, cli.run("apply", "-f", second.toString()).code());
      await().atMost(Duration.ofSeconds(60)).until(() -> watch.out().lines()
          .anyMatch(l -> l.startsWith("ADDED") && l.contains(" second ")));

      cli.restartServer();
      Path third = tmp.resolve("third.yaml");
      Files.writeString(third, job("third"));
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> cli.run("apply", "-f", third.toString()).code() == 0);
      await().atMost(Duration.ofSeconds(60)).until(() -> rows(watch.out(), "third") == 1);

      assertEquals(0, cli.run("delete", "job", "second").code());
      await().atMost(Duration.ofSeconds(60)).until(() -> watch.out().lines()
          .anyMatch(l -> l.startsWith("DELETED") && l.contains(" second ")));

      // resuming from the last version seen repeats nothing
      assertEquals(1, rows(watch.out(), "first"), watch::out);
      assertEquals(null, watch.code, "a watch never ends on its own");
      watch.stop();
      assertEquals(0, watch.code);
    }
  }

  @Test
  void historyCompactedWhileAwayRelistsAndPrintsOnlyWhatChanged() throws Exception {
    try (CliHarness cli = new CliHarness(tmp)) {
      Path pool = tmp.resolve("pool.yaml");
      Files.writeString(pool, """
          apiVersion: peloton.io/v1
          kind: ResourcePool
          metadata: {name: watchpool}
          spec:
            parent: /
            resources: [{kind: cpu, limit: 4}, {kind: memory, limit: 4096}]
          """);
      Path a = tmp.resolve("a.yaml");
      Files.writeString(a, job("keep") + "---\n" + job("gone"));
      assertEquals(0, cli.run("apply", "-f", pool.toString(), "-f", a.toString()).code());
      CliHarness.Background watch = cli.background("get", "jobs", "-w", "--output-watch-events");
      await().atMost(Duration.ofSeconds(60)).until(() -> rows(watch.out(), "gone") == 1);

      // while the watch's server is down, another server over the same store changes things
      // and compacts the history the watch would resume from
      int port = cli.server().port();
      cli.stopServer();
      try (var side = cli.sideServer()) {
        var client = new io.peloton.client.ApiClient(side.url(), null);
        client.delete(io.peloton.api.ResourceTypes.JOB, "default", "gone");
        var added = io.peloton.api.codec.Codecs.readDocuments(job("fresh")).get(0);
        client.create(io.peloton.api.ResourceTypes.JOB, "default", added);
        long rv = Long.parseLong(client.list(io.peloton.api.ResourceTypes.JOB, "default",
            io.peloton.client.ListOptions.all()).resourceVersion());
        side.compact(rv);
      }
      cli.startServer(port);

      await().atMost(Duration.ofSeconds(60)).until(() -> watch.out().lines()
          .anyMatch(l -> l.startsWith("ADDED") && l.contains(" fresh ")));
      await().atMost(Duration.ofSeconds(60)).until(() -> watch.out().lines()
          .anyMatch(l -> l.startsWith("DELETED") && l.contains(" gone ")));
      assertEquals(1, rows(watch.out(), "keep"), "unchanged objects are not printed again: "
          + watch.out());
      watch.stop();
      assertEquals(0, watch.code);
    }
  }
}
