package io.peloton.mesos.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad command-line input gets exit code 2 and a message naming the option, without starting anything. */
class MesosSimCommandTest {
  private static String[] run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new MesosSimCommand()).execute(args);
      return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void rejectsBadOptions() {
    String[] bogus = run("--executor", "bogus");
    assertEquals("2", bogus[0]);
    assertTrue(bogus[1].startsWith("--executor"), bogus[1]);
    String[] both = run("--cluster", "c.yaml", "--agents", "3");
    assertEquals("2", both[0]);
    assertTrue(both[1].contains("--cluster and --agents"), both[1]);
    String[] missing = run("--cluster", "/no/such/cluster.yaml");
    assertEquals("2", missing[0]);
    assertTrue(missing[1].startsWith("--cluster"), missing[1]);
    String[] zero = run("--agents", "0");
    assertEquals("2", zero[0]);
    assertTrue(zero[1].startsWith("--agents"), zero[1]);
    String[] dirs = run("--work-dir", "/tmp/a", "--data-dir", "/tmp/b");
    assertEquals("2", dirs[0]);
    assertTrue(dirs[1].contains("--work-dir and --data-dir"), dirs[1]);
    String[] cleanup = run("--cleanup");
    assertEquals("2", cleanup[0]);
    assertTrue(cleanup[1].startsWith("--cleanup"), cleanup[1]);
  }
}
