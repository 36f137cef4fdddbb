package io.peloton.api.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The hand-read common form must agree with the general parser, and refuse what it refuses. */
class Rfc3339Test {
  @Test
  void readsWhatTheGeneralParserReads() {
    for (String s : new String[] {"2026-01-02T15:04:05Z", "2026-01-02T15:04:05.5Z",
        "2026-11-21T19:06:44.652766Z", "2024-02-29T23:59:59.123456789Z", "1970-01-01T00:00:00Z",
        "2026-01-02T15:04:05+02:00", "2026-01-02T15:04:05.25-01:30"}) {
      assertEquals(OffsetDateTime.parse(s).toInstant(), Rfc3339.parse(s), s);
      assertNull(Rfc3339.problem(s), s);
    }
    Instant now = Instant.now();
    assertEquals(now, Rfc3339.parse(Rfc3339.format(now)));
  }

  @Test
  void refusesWhatIsNotATimestamp() {
    for (String s : new String[] {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-01-02T24:00:00Z", "2026-01-02T15:04:05.1234567890Z",
        "2026-01-02 15:04:05Z", "2026-01-02T15:04:05", "2026-0a-02T15:04:05Z", "yesterday", ""}) {
      assertNotNull(Rfc3339.problem(s), s);
    }
  }
}
