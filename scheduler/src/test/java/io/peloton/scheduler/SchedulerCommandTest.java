package io.peloton.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line of {@code peloton scheduler}: options and their errors. */
class SchedulerCommandTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new SchedulerCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheOptions() {
    Run r = run("--help");
    assertEquals(0, r.code());
    for (String option : new String[] {"--server", "--id", "--cycle-interval"}) {
      assertTrue(r.out().contains(option), r.out());
    }
  }

  @Test
  void aBadCycleIntervalIsAClearUsageError() {
    Run r = run("--cycle-interval", "soon");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--cycle-interval") && r.err().contains("soon"), r.err());
    assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());
  }
}
