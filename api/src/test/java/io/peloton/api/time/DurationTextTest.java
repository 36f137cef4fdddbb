package io.peloton.api.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void parsesKubectlStyleAndIsoDurations() {
    assertEquals(Duration.ofSeconds(90), DurationText.parse("90s"));
    assertEquals(Duration.ofMinutes(90), DurationText.parse("1h30m"));
    assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
    assertEquals(Duration.ofDays(2), DurationText.parse("2d"));
    assertEquals(Duration.ofMinutes(90), DurationText.parse("PT1H30M"));
  }

  @Test
  void rejectsEverythingElse() {
    for (String bad : new String[] {"", "1", "1x", "h1", "1.5h", "-1s", "P"}) {
      assertThrows(IllegalArgumentException.class, () -> DurationText.parse(bad), bad);
      assertNotNull(DurationText.problem(bad), bad);
    }
  }

  @Test
  void formatsCompactly() {
    assertEquals("1h30m", DurationText.format(Duration.ofMinutes(90)));
    assertEquals("0s", DurationText.format(Duration.ZERO));
    assertEquals("1m", DurationText.format(Duration.ofMinutes(1)));
    assertEquals("1s500ms", DurationText.format(Duration.ofMillis(1500)));
  }

  @Test
  void timestampsAreRfc3339WithAnOffset() {
    assertNull(Rfc3339.problem("2026-01-02T15:04:05Z"));
    assertNull(Rfc3339.problem("2026-01-02T15:04:05.123456+02:00"));
    assertNotNull(Rfc3339.problem("2026-01-02 15:04:05"));
    assertNotNull(Rfc3339.problem("2026-01-02T15:04:05"));
    assertEquals(Instant.parse("2026-01-02T13:04:05Z"), Rfc3339.parse("2026-01-02T15:04:05+02:00"));
  }
}
