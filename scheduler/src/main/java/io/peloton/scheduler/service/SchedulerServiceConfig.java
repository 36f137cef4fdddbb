package io.peloton.scheduler.service;

import io.peloton.scheduler.SchedulerConfig;
import java.time.Duration;

/**
 * How a scheduler replica runs.
 *
 * @param identity this replica's name on the {@code scheduler} Lease
 * @param cycleInterval longest wait between cycles; a change seen by the informers starts one sooner
 * @param minCycleGap shortest wait between cycles, so a burst of changes is handled in one cycle (a
 *     cycle that took longer is followed by a rest as long as it took, up to cycleInterval)
 * @param leaseDuration how long a standby waits for an unrenewed lease before taking over
 * @param renewDeadline how long the leader keeps leading without renewing (shorter than leaseDuration)
 * @param retryPeriod how often the lease is renewed or tried
 * @param core knobs of the scheduling cycle itself
 * @param messageRefresh least time between two writes of a pending task's condition that differ only in
 *     the message (counts in "0/40 hosts: ..." move all the time; the reason is written at once), and
 *     between two writes of a pool's status that differ only in amounts
 * @param writeConcurrency API requests in flight at once for per-object writes
 * @param bindBatch most bindings per {@code taskbindings} request
 */
public record SchedulerServiceConfig(
    String identity, Duration cycleInterval, Duration minCycleGap, Duration leaseDuration, Duration renewDeadline,
    Duration retryPeriod, SchedulerConfig core, Duration messageRefresh, int writeConcurrency, int bindBatch) {

  public SchedulerServiceConfig {
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("identity must not be empty");
    }
    if (cycleInterval.isNegative() || cycleInterval.isZero()) {
      throw new IllegalArgumentException("cycleInterval must be positive, was " + cycleInterval);
    }
    if (minCycleGap.isNegative() || minCycleGap.compareTo(cycleInterval) > 0) {
      throw new IllegalArgumentException("minCycleGap must be within 0.." + cycleInterval + ", was " + minCycleGap);
    }
    if (writeConcurrency < 1) {
      throw new IllegalArgumentException("writeConcurrency must be >= 1, was " + writeConcurrency);
    }
    if (bindBatch < 1) {
      throw new IllegalArgumentException("bindBatch must be >= 1, was " + bindBatch);
    }
  }

  /** Cycles at least every second, lease 15 s / renew 10 s / retry 2 s, Peloton's cycle defaults. */
  public static SchedulerServiceConfig defaults(String identity) {
    return new SchedulerServiceConfig(identity, Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofSeconds(15),
        Duration.ofSeconds(10), Duration.ofSeconds(2), SchedulerConfig.defaults(), Duration.ofSeconds(10), 8, 500);
  }

  public SchedulerServiceConfig withCycleInterval(Duration interval) {
    Duration gap = minCycleGap.compareTo(interval) > 0 ? interval : minCycleGap;
    return new SchedulerServiceConfig(identity, interval, gap, leaseDuration, renewDeadline, retryPeriod, core,
        messageRefresh, writeConcurrency, bindBatch);
  }

  public SchedulerServiceConfig withLease(Duration duration, Duration renew, Duration retry) {
    return new SchedulerServiceConfig(identity, cycleInterval, minCycleGap, duration, renew, retry, core,
        messageRefresh, writeConcurrency, bindBatch);
  }

  public SchedulerServiceConfig withMessageRefresh(Duration refresh) {
    return new SchedulerServiceConfig(identity, cycleInterval, minCycleGap, leaseDuration, renewDeadline, retryPeriod,
        core, refresh, writeConcurrency, bindBatch);
  }

  public SchedulerServiceConfig withCore(SchedulerConfig newCore) {
    return new SchedulerServiceConfig(identity, cycleInterval, minCycleGap, leaseDuration, renewDeadline, retryPeriod,
        newCore, messageRefresh, writeConcurrency, bindBatch);
  }
}
