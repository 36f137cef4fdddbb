package io.peloton.pelotonctl.output;

import java.io.PrintWriter;

/**
 * A progress report that, on a terminal, is one line rewritten in place; elsewhere (a pipe, a
 * log file) it prints a plain line each time the text changes, never the same line twice.
 */
public final class ProgressLine {
  private final PrintWriter out;
  private final boolean terminal;
  private String last = "";

  public ProgressLine(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  public void show(String text) {
    if (text.equals(last)) {
      return;
    }
    if (terminal) {
      // back to the line's start, the new text, then erase what a longer old text left
      out.print("\r" + text + "\u001b[K");
    } else {
      out.println(text);
    }
    out.flush();
    last = text;
  }

  /** Ends the progress report: the final text stays on its own line. */
  public void done(String text) {
    if (terminal) {
      out.print("\r" + text + "\u001b[K\n");
      out.flush();
      last = text;
    } else {
      show(text);
    }
  }
}
