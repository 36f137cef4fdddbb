package io.peloton.controllers.maintenance;

import io.peloton.api.maintenance.HostMaintenanceSpec;
import io.peloton.api.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;

/**
 * When a HostMaintenance's window opens: hosts are cordoned and drained only from {@code
 * spec.start} on (absent means now), so a window scheduled ahead takes nothing down early.
 */
public final class MaintenanceWindow {
  /** A far-off window is looked at again at least this often (a clock may jump, a spec change). */
  static final Duration MAX_WAIT = Duration.ofHours(1);

  private MaintenanceWindow() {}

  /** The instant the window opens, or null when it is open already (or has no start). */
  public static Instant opensAt(HostMaintenanceSpec spec, Instant now) {
    if (spec == null || spec.start() == null || spec.start().isBlank()) {
      return null;
    }
    Instant start = Rfc3339.parse(spec.start());
    return start.isAfter(now) ? start : null;
  }

  /** How long to wait before looking again at a window that opens at {@code start}. */
  static Duration recheckIn(Instant start, Instant now) {
    Duration left = Duration.between(now, start);
    return left.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : left.plusMillis(1);
  }
}
