package io.peloton.bridge;

import io.peloton.bridge.framework.FrameworkSettings;
import io.peloton.bridge.mesos.WireEncoding;
import java.time.Duration;

/**
 * Settings of one bridge replica.
 *
 * @param master URL of any Mesos master (redirects lead to the leader)
 * @param identity this replica's name in the leader election
 * @param leaseName the Lease the replicas elect a leader on; the framework ID lives on
 *     {@code <leaseName>-framework}
 * @param declineRefuseSeconds filter on declined and partly used offers
 * @param hostRefresh how often agents and maintenance are re-read
 * @param implicitReconcile how often an implicit reconciliation runs
 * @param minHeartbeatTimeout the least silence after which the stream counts as dead
 * @param statusWriters batched Task status requests in flight at once
 * @param launchWorkers agents launched on in parallel
 * @param maintenanceWindow length of the maintenance window posted for a DRAIN
 */
public record BridgeConfig(String master, WireEncoding encoding, String identity,
    String leaseName, FrameworkSettings framework, Duration leaseDuration,
    double declineRefuseSeconds, Duration hostRefresh, Duration implicitReconcile,
    int reconcileBatchSize, Duration reconcileBatchInterval, Duration minHeartbeatTimeout,
    Duration minBackoff, Duration maxBackoff, int statusWriters, int launchWorkers,
    Duration maintenanceWindow) {

  public BridgeConfig {
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("id: required (this replica's name)");
    }
    if (leaseDuration.toSeconds() < 3) {
      throw new IllegalArgumentException("leaseDuration: must be at least 3s, got "
          + leaseDuration);
    }
    if (statusWriters < 1 || launchWorkers < 1 || reconcileBatchSize < 1) {
      throw new IllegalArgumentException(
          "statusWriters, launchWorkers and reconcileBatchSize: must be >= 1");
    }
  }

  /** Production defaults for a replica named {@code identity} talking to {@code master}. */
  public static BridgeConfig defaults(String master, String identity) {
    return new BridgeConfig(master, WireEncoding.PROTOBUF, identity, "mesos-bridge",
        FrameworkSettings.defaults(), Duration.ofSeconds(10), 5, Duration.ofSeconds(10),
        Duration.ofMinutes(10), 1000, Duration.ofMillis(200), Duration.ofSeconds(20),
        Duration.ofMillis(200), Duration.ofSeconds(10), 4, 8, Duration.ofHours(1));
  }

  public BridgeConfig withEncoding(WireEncoding value) {
    return new BridgeConfig(master, value, identity, leaseName, framework, leaseDuration,
        declineRefuseSeconds, hostRefresh, implicitReconcile, reconcileBatchSize,
        reconcileBatchInterval, minHeartbeatTimeout, minBackoff, maxBackoff, statusWriters,
        launchWorkers, maintenanceWindow);
  }

  public BridgeConfig withFramework(FrameworkSettings value) {
    return new BridgeConfig(master, encoding, identity, leaseName, value, leaseDuration,
        declineRefuseSeconds, hostRefresh, implicitReconcile, reconcileBatchSize,
        reconcileBatchInterval, minHeartbeatTimeout, minBackoff, maxBackoff, statusWriters,
        launchWorkers, maintenanceWindow);
  }

  public BridgeConfig withLeaseDuration(Duration value) {
    return new BridgeConfig(master, encoding, identity, leaseName, framework, value,
        declineRefuseSeconds, hostRefresh, implicitReconcile, reconcileBatchSize,
        reconcileBatchInterval, minHeartbeatTimeout, minBackoff, maxBackoff, statusWriters,
        launchWorkers, maintenanceWindow);
  }

  public BridgeConfig withHostRefresh(Duration value) {
    return new BridgeConfig(master, encoding, identity, leaseName, framework, leaseDuration,
        declineRefuseSeconds, value, implicitReconcile, reconcileBatchSize,
        reconcileBatchInterval, minHeartbeatTimeout, minBackoff, maxBackoff, statusWriters,
        launchWorkers, maintenanceWindow);
  }

  public BridgeConfig withImplicitReconcile(Duration value) {
    return new BridgeConfig(master, encoding, identity, leaseName, framework, leaseDuration,
        declineRefuseSeconds, hostRefresh, value, reconcileBatchSize,
        reconcileBatchInterval, minHeartbeatTimeout, minBackoff, maxBackoff, statusWriters,
        launchWorkers, maintenanceWindow);
  }

  public BridgeConfig withIdentity(String value) {
    return new BridgeConfig(master, encoding, value, leaseName, framework, leaseDuration,
        declineRefuseSeconds, hostRefresh, implicitReconcile, reconcileBatchSize,
        reconcileBatchInterval, minHeartbeatTimeout, minBackoff, maxBackoff, statusWriters,
        launchWorkers, maintenanceWindow);
  }

  public BridgeConfig withWorkers(int statusWriterCount, int launchWorkerCount) {
    return new BridgeConfig(master, encoding, identity, leaseName, framework, leaseDuration,
        declineRefuseSeconds, hostRefresh, implicitReconcile, reconcileBatchSize,
        reconcileBatchInterval, minHeartbeatTimeout, minBackoff, maxBackoff, statusWriterCount,
        launchWorkerCount, maintenanceWindow);
  }
}
