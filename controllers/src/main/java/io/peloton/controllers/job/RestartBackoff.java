package io.peloton.controllers.job;

import java.time.Duration;

/** Peloton's throttle for restarting SERVICE tasks: base × 2^(failures−1), capped. */
public record RestartBackoff(Duration base, Duration max) {

  /** The wait before the restart that follows failure number {@code failures} (1 = first). */
  public Duration delay(int failures) {
    int doublings = Math.max(0, Math.min(failures - 1, 30));
    Duration d = base.multipliedBy(1L << doublings);
    return d.compareTo(max) > 0 || d.isNegative() ? max : d;
  }
}
