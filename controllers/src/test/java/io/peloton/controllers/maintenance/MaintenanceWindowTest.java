package io.peloton.controllers.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.peloton.api.maintenance.HostMaintenanceSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  static HostMaintenanceSpec startingAt(String start) {
    return new HostMaintenanceSpec(List.of("h1"), start, null, false);
  }

  @Test
  void noStartOrAPastStartIsOpenNow() {
    assertNull(MaintenanceWindow.opensAt(startingAt(null), NOW));
    assertNull(MaintenanceWindow.opensAt(startingAt("2026-12-07T11:59:59Z"), NOW));
    assertNull(MaintenanceWindow.opensAt(startingAt("2026-12-07T12:00:00Z"), NOW));
  }

  @Test
  void aLaterStartOpensThenAndIsLookedAtAgainNoLaterThanAnHour() {
    Instant start = Instant.parse("2026-12-07T12:10:00Z");
    assertEquals(start, MaintenanceWindow.opensAt(startingAt("2026-12-07T12:10:00Z"), NOW));
    assertEquals(Duration.ofMinutes(10).plusMillis(1), MaintenanceWindow.recheckIn(start, NOW));
    assertEquals(MaintenanceWindow.MAX_WAIT,
        MaintenanceWindow.recheckIn(Instant.parse("2030-01-01T00:00:00Z"), NOW));
  }
}
