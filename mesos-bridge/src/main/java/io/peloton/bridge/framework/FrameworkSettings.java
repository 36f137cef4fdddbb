package io.peloton.bridge.framework;

import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability;

/**
 * Who the bridge is to Mesos: the FrameworkInfo it subscribes with.
 *
 * @param failoverTimeout how long Mesos keeps our tasks while no bridge is subscribed
 */
public record FrameworkSettings(String name, String user, String role, String principal,
    Duration failoverTimeout, boolean checkpoint, String hostname) {

  /** Peloton's production values: role and principal {@code peloton}, ~100 weeks failover. */
  public static FrameworkSettings defaults() {
    return new FrameworkSettings("Peloton", "root", "peloton", "peloton",
        Duration.ofSeconds(60_000_000), true, null);
  }

  public FrameworkSettings withUser(String value) {
    return new FrameworkSettings(name, value, role, principal, failoverTimeout, checkpoint,
        hostname);
  }

  public FrameworkSettings withRole(String value) {
    return new FrameworkSettings(name, user, value, principal, failoverTimeout, checkpoint,
        hostname);
  }

  /** The FrameworkInfo to subscribe with; {@code id} null on the very first subscription. */
  public FrameworkInfo toFrameworkInfo(String id) {
    FrameworkInfo.Builder b = FrameworkInfo.newBuilder()
        .setName(name)
        .setUser(user)
        .addRoles(role)
        .setPrincipal(principal)
        .setCheckpoint(checkpoint)
        .setFailoverTimeout(failoverTimeout.toSeconds())
        // MULTI_ROLE so offers carry allocation_info, which launches copy back
        .addCapabilities(cap(Capability.Type.MULTI_ROLE))
        .addCapabilities(cap(Capability.Type.GPU_RESOURCES))
        .addCapabilities(cap(Capability.Type.PARTITION_AWARE))
        .addCapabilities(cap(Capability.Type.TASK_KILLING_STATE));
    if (hostname != null) {
      b.setHostname(hostname);
    }
    if (id != null) {
      b.setId(FrameworkID.newBuilder().setValue(id));
    }
    return b.build();
  }

  private static Capability cap(Capability.Type type) {
    return Capability.newBuilder().setType(type).build();
  }
}
