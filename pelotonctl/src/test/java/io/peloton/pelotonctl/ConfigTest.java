package io.peloton.pelotonctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.pelotonctl.CliHarness.Result;
import io.peloton.pelotonctl.config.CliConfig;
import io.peloton.pelotonctl.config.Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Contexts in the config file, and the order flag > env > file > default. */
class ConfigTest {
  @TempDir
  Path tmp;

  @Test
  void precedenceIsFlagThenEnvThenContextThenDefault() throws Exception {
    Path file = tmp.resolve("config");
    Files.writeString(file, """
        current-context: dev
        contexts:
        - name: dev
          server: http://dev:8080
          namespace: team-a
          token: t1
        - name: prod
          server: http://prod:8080
        """);
    CliConfig config = CliConfig.load(file);
    Map<String, String> env = new HashMap<>();
    assertEquals(new Connection("http://dev:8080", "team-a", "t1", "dev"),
        config.resolve(null, null, null, null, env));
    assertEquals(new Connection("http://prod:8080", "default", null, "prod"),
        config.resolve(null, null, null, "prod", env));
    env.put("PELOTON_SERVER", "http://env:1");
    env.put("PELOTON_NAMESPACE", "env-ns");
    assertEquals(new Connection("http://env:1", "env-ns", "t1", "dev"),
        config.resolve(null, null, null, null, env));
    assertEquals(new Connection("http://flag:2", "flag-ns", "t2", "dev"),
        config.resolve("http://flag:2", "flag-ns", "t2", null, env));
    assertEquals(new Connection(CliConfig.DEFAULT_SERVER, "default", null, null),
        CliConfig.load(tmp.resolve("absent")).resolve(null, null, null, null, Map.of()));
  }

  @Test
  void contextsSwitchServerAndNamespace() throws Exception {
    try (CliHarness cli = new CliHarness(tmp)) {
      cli.env.remove("PELOTON_SERVER");
      Result set = cli.run("config", "set-context", "local", "--server", cli.url(), "-n", "team-b");
      assertEquals(0, set.code(), set::toString);
      assertEquals("Context \"local\" created.\n", set.out());
      assertEquals(0, cli.run("config", "set-context", "nowhere", "--server",
          "http://127.0.0.1:1").code());

      assertEquals(0, cli.run("config", "use-context", "local").code());
      Path pool = tmp.resolve("p.yaml");
      Files.writeString(pool, """
          apiVersion: peloton.io/v1
          kind: ResourcePool
          metadata: {name: ctxpool}
          spec:
            parent: /
            resources: [{kind: cpu, limit: 4}, {kind: memory, limit: 4096}]
          ---
          apiVersion: peloton.io/v1
          kind: Job
          metadata: {name: ctxjob}
          spec:
            respool: /ctxpool
            instanceCount: 1
            defaultConfig:
              resource: {cpuLimit: 1, memLimitMb: 64}
              command: {value: sleep 10}
          """);
      assertEquals(0, cli.run("apply", "-f", pool.toString()).code());
      Result get = cli.run("get", "job", "ctxjob", "-o", "name");
      assertEquals("job.peloton.io/ctxjob\n", get.out(), get::toString);
      Result ns = cli.run("get", "job", "ctxjob", "-o", "yaml");
      assertTrue(ns.out().contains("namespace: team-b"), ns::toString);

      assertEquals(0, cli.run("config", "use-context", "nowhere").code());
      assertEquals(1, cli.run("get", "jobs").code());
      Result override = cli.run("get", "jobs", "--context", "local");
      assertEquals(0, override.code(), override::toString);
      assertTrue(override.out().contains("ctxjob"));
      Result current = cli.run("config", "current-context");
      assertEquals("nowhere\n", current.out());
      Result view = cli.run("config", "view");
      assertTrue(view.out().contains("name: local"), view::toString);

      Result unknown = cli.run("get", "jobs", "--context", "nope");
      assertEquals(1, unknown.code());
      assertTrue(unknown.err().contains("context 'nope' is not defined"), unknown::toString);
    }
  }
}
