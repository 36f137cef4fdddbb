package io.peloton.pelotonctl.command;

import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import java.time.Duration;

/** Parses {@code --timeout} values: 30s, 5m, 1h, 500ms or plain seconds; 0 means no limit. */
public final class Timeouts {
  private Timeouts() {}

  public static Duration parse(String text) {
    String t = text.trim();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.replaceAll("[smh]$", ""));
      return switch (t.charAt(t.length() - 1)) {
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new CliException("invalid --timeout '" + text + "': use e.g. 30s, 5m, 1h",
          ExitCodes.USAGE);
    }
  }

  /** Pauses between polls; an interrupt ends the wait as a failure of the command. */
  public static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
