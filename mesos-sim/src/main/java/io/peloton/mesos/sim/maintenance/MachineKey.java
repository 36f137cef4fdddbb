package io.peloton.mesos.sim.maintenance;

import java.util.Locale;
import org.apache.mesos.v1.Protos.MachineID;

/**
 * A MachineID compared the Mesos way: field by field including presence, hostname case-insensitive.
 *
 * @param hostname lower-cased hostname or null
 * @param ip the ip or null
 */
public record MachineKey(String hostname, String ip) {
  /** The key of a MachineID. */
  public static MachineKey of(MachineID id) {
    return new MachineKey(id.hasHostname() ? id.getHostname().toLowerCase(Locale.ROOT) : null,
        id.hasIp() ? id.getIp() : null);
  }

  /** The key of an agent's machine (both fields present). */
  public static MachineKey of(String hostname, String ip) {
    return new MachineKey(hostname.toLowerCase(Locale.ROOT), ip);
  }

  @Override
  public String toString() {
    return (hostname == null ? "" : hostname) + (ip == null ? "" : " (" + ip + ")");
  }
}
