package io.peloton.pelotonctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peloton.pelotonctl.output.ProgressLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A progress line is rewritten in place on a terminal and printed as plain lines elsewhere. */
class ProgressLineTest {
  private static String run(boolean terminal) {
    StringWriter out = new StringWriter();
    ProgressLine line = new ProgressLine(new PrintWriter(out), terminal);
    line.show("3 tasks remaining");
    line.show("3 tasks remaining");
    line.show("1 tasks remaining");
    line.done("done");
    return out.toString();
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlace() {
    assertEquals("\r3 tasks remaining\u001b[K\r1 tasks remaining\u001b[K\rdone\u001b[K\n",
        run(true));
  }

  @Test
  void elsewhereEachChangeIsOnePlainLine() {
    assertEquals("3 tasks remaining\n1 tasks remaining\ndone\n", run(false));
  }
}
