package io.peloton.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The restart backoff flags: mistakes are usage errors naming the flag, never stack traces. */
class ControllersCommandTest {

  private static String[] run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ControllersCommand());
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), err.toString()};
  }

  @Test
  void aBackoffThatIsNotADurationIsAUsageError() {
    String[] r = run("--restart-backoff", "soon");
    assertEquals("2", r[0]);
    assertTrue(r[1].contains("--restart-backoff 'soon': must be a duration"), r[1]);
    assertFalse(r[1].contains("Exception"), r[1]);
  }

  @Test
  void aCapBelowTheBaseIsAUsageError() {
    String[] r = run("--restart-backoff", "10s", "--restart-backoff-max", "2s");
    assertEquals("2", r[0]);
    assertTrue(r[1].contains("--restart-backoff-max (2s) must not be below --restart-backoff (10s)"),
        r[1]);
  }

  @Test
  void theHelpShowsTheDefaults() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new ControllersCommand());
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("--help"));
    String help = out.toString().replaceAll("\\s+", " ");
    assertTrue(help.contains("--restart-backoff=<restartBackoff>"), help);
    assertTrue(help.contains("(default: 30s)"), help);
    assertTrue(help.contains("(default: 60m)"), help);
  }
}
