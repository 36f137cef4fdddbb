package io.peloton.api.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Timestamps as every object spells them: RFC 3339, e.g. {@code 2026-01-02T15:04:05Z}. */
public final class Rfc3339 {
  private Rfc3339() {}

  /** Parses a timestamp with an offset ('Z' or '+hh:mm'). */
  public static Instant parse(String text) {
    return OffsetDateTime.parse(text).toInstant();
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
