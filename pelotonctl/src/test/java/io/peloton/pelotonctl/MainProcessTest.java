package io.peloton.pelotonctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pelotonctl as a real process: exit codes, and results and errors on their own streams. */
class MainProcessTest {
  @TempDir
  Path tmp;

  private record Run(int code, String out, String err) {}

  private Run run(String server, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-cp", System.getProperty("java.class.path"),
        PelotonCtl.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PELOTON_SERVER", server);
    pb.environment().put("PELOTONCONFIG", tmp.resolve("config").toString());
    File out = tmp.resolve("out.txt").toFile();
    File err = tmp.resolve("err.txt").toFile();
    pb.redirectOutput(out).redirectError(err);
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pelotonctl did not finish");
    return new Run(p.exitValue(), java.nio.file.Files.readString(out.toPath(),
        StandardCharsets.UTF_8), java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  void exitCodesAndStreams() throws Exception {
    try (CliHarness cli = new CliHarness(tmp)) {
      Run ok = run(cli.url(), "apply", "-f", CliHarness.manifests().resolve("pools.yaml").toString());
      assertEquals(0, ok.code(), ok::toString);
      assertEquals("resourcepool.peloton.io/infra created\nresourcepool.peloton.io/batch created\n"
          + "resourcepool.peloton.io/services created\n", ok.out());
      assertEquals("", ok.err());

      Run refused = run("http://127.0.0.1:1", "get", "jobs");
      assertEquals(1, refused.code(), refused::toString);
      assertEquals("", refused.out());
      assertEquals(1, refused.err().lines().count(), refused::toString);

      Run usage = run(cli.url(), "get", "jobs", "--bogus");
      assertEquals(2, usage.code(), usage::toString);
    }
  }
}
