package io.peloton.pelotonctl;

import io.peloton.client.ApiError;
import java.util.ArrayList;
import java.util.List;

/** Renders any failure as the lines the user sees on stderr: one line, plus one per 422 cause. */
public final class ErrorText {
  private ErrorText() {}

  public static List<String> lines(Throwable t) {
    return lines(null, t);
  }

  /** @param where what the failure is about (file and document), or null */
  public static List<String> lines(String where, Throwable t) {
    String prefix = where == null ? "" : where + ": ";
    List<String> out = new ArrayList<>();
    if (t instanceof ApiError e) {
      if (e.code() == 0) {
        out.add("error: " + prefix + e.getMessage());
      } else {
        String reason = e.reason() == null || e.reason().isEmpty() ? "code " + e.code() : e.reason();
        out.add("Error from server (" + reason + "): " + prefix + e.getMessage());
        e.causes().forEach(c -> out.add("  " + c));
      }
    } else if (t instanceof CliException) {
      out.add("error: " + prefix + t.getMessage());
    } else {
      String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      out.add("error: " + prefix + msg.replace('\n', ' '));
    }
    return out;
  }
}
