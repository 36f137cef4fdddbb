package io.peloton.api.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Timestamps as every object spells them: RFC 3339, e.g. {@code 2026-01-02T15:04:05Z}. */
public final class Rfc3339 {
  private Rfc3339() {}

  /** Parses a timestamp with an offset ('Z' or '+hh:mm'). */
  public static Instant parse(String text) {
    Instant utc = utc(text);
    return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
  }

  /**
   * The form this system writes, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, read by hand: admission
   * checks every timestamp of every write, and the general parser costs microseconds each. Null
   * for any other form (or an invalid date), which the general parser then judges.
   */
  private static Instant utc(String s) {
    int n = s.length();
    if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fractionDigits = n - 21;
      if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return null;
      }
      nanos = digits(s, 20, n - 1);
      for (int i = fractionDigits; i < 9 && nanos >= 0; i++) {
        nanos *= 10;
      }
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if ((year | month | day | hour | minute | second | nanos) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The decimal number in {@code s[from, to)}, or -1 when it is not all digits. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Formats an instant in UTC. */
  public static String format(Instant instant) {
    return instant.toString();
  }

  /** Null when {@code text} is a valid timestamp, else what is expected. */
  public static String problem(String text) {
    try {
      parse(text);
      return null;
    } catch (DateTimeParseException e) {
      return "must be an RFC 3339 timestamp (e.g. '2026-01-02T15:04:05Z')";
    }
  }
}
