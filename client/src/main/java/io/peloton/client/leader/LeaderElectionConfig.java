package io.peloton.client.leader;

import java.time.Duration;

/**
 * How a replica contends for one Lease.
 *
 * @param leaseName the Lease object (cluster-scoped) that names the leader
 * @param identity this replica's unique name
 * @param leaseDuration how long others wait after the holder's last renewal before taking over
 * @param renewDeadline how long the leader keeps leading without a successful renewal; shorter
 *     than leaseDuration so it stops before anyone else may start
 * @param retryPeriod how often to try to acquire or renew
 */
public record LeaderElectionConfig(String leaseName, String identity, Duration leaseDuration,
    Duration renewDeadline, Duration retryPeriod) {

  public LeaderElectionConfig {
    if (leaseName == null || leaseName.isBlank()) {
      throw new IllegalArgumentException("leaseName is required");
    }
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("identity is required");
    }
    if (leaseDuration.toSeconds() < 1) {
      throw new IllegalArgumentException("leaseDuration must be at least 1s, got "
          + leaseDuration);
    }
    if (renewDeadline.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException("renewDeadline (" + renewDeadline
          + ") must be shorter than leaseDuration (" + leaseDuration + ")");
    }
    if (retryPeriod.isNegative() || retryPeriod.isZero()
        || retryPeriod.compareTo(renewDeadline) >= 0) {
      throw new IllegalArgumentException("retryPeriod (" + retryPeriod
          + ") must be positive and shorter than renewDeadline (" + renewDeadline + ")");
    }
  }

  /** Kubernetes' usual timings: lease 15 s, renew deadline 10 s, retry every 2 s. */
  public static LeaderElectionConfig of(String leaseName, String identity) {
    return new LeaderElectionConfig(leaseName, identity, Duration.ofSeconds(15),
        Duration.ofSeconds(10), Duration.ofSeconds(2));
  }
}
