package io.peloton.mesos.sim.maintenance;

import io.peloton.mesos.sim.cluster.AgentSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.Protos.Unavailability;
import org.apache.mesos.v1.allocator.Protos.InverseOfferStatus;
import org.apache.mesos.v1.maintenance.Protos.ClusterStatus;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.maintenance.Protos.Window;

/**
 * The maintenance schedule and machine modes (UP is implicit, DRAINING, DOWN), with the validation
 * rules of the Mesos master. Pure state: the master applies the side effects. Not thread-safe.
 */
public final class MaintenanceRegistry {
  /** Modes of machines that are in the schedule. */
  public enum Mode { DRAINING, DOWN }

  private Schedule schedule = Schedule.getDefaultInstance();
  private final Map<MachineKey, Mode> modes = new LinkedHashMap<>();
  private final Map<MachineKey, MachineID> ids = new HashMap<>();
  private final Map<MachineKey, Unavailability> windows = new HashMap<>();
  private final Map<MachineKey, Map<String, InverseOfferStatus>> statuses = new HashMap<>();

  public Schedule schedule() {
    return schedule;
  }

  /** The machine's mode, or null when it is UP. */
  public Mode mode(MachineKey key) {
    return modes.get(key);
  }

  /** The machine's unavailability, or null when it is not scheduled. */
  public Unavailability unavailability(MachineKey key) {
    return windows.get(key);
  }

  public boolean isEmpty() {
    return modes.isEmpty();
  }

  /**
   * Replaces the schedule. Returns every machine that was or is now scheduled (their offers are
   * rescinded and re-sent, as Mesos does even when the window did not change).
   */
  public Set<MachineKey> update(Schedule next) {
    Map<MachineKey, Unavailability> nextWindows = new LinkedHashMap<>();
    Map<MachineKey, MachineID> nextIds = new HashMap<>();
    for (Window w : next.getWindowsList()) {
      if (w.getMachineIdsCount() == 0) {
        throw new MaintenanceException("List of machines in the maintenance window is empty");
      }
      if (w.getUnavailability().hasDuration() && w.getUnavailability().getDuration().getNanoseconds() < 0) {
        throw new MaintenanceException("Unavailability 'duration' is negative");
      }
      for (MachineID id : w.getMachineIdsList()) {
        MachineKey key = validMachine(id);
        if (nextWindows.containsKey(key)) {
          throw new MaintenanceException("Machine '" + key + "' appears more than once in the schedule");
        }
        nextWindows.put(key, w.getUnavailability());
        nextIds.put(key, id);
      }
    }
    for (Map.Entry<MachineKey, Mode> e : modes.entrySet()) {
      if (e.getValue() == Mode.DOWN && !nextWindows.containsKey(e.getKey())) {
        throw new MaintenanceException("Machine '" + e.getKey() + "' is deactivated and cannot be removed from the schedule");
      }
    }
    Set<MachineKey> affected = new HashSet<>(modes.keySet());
    affected.addAll(nextWindows.keySet());
    Map<MachineKey, Mode> nextModes = new LinkedHashMap<>();
    for (MachineKey key : nextWindows.keySet()) {
      nextModes.put(key, modes.getOrDefault(key, Mode.DRAINING));
    }
    modes.clear();
    modes.putAll(nextModes);
    windows.clear();
    windows.putAll(nextWindows);
    ids.clear();
    ids.putAll(nextIds);
    statuses.keySet().retainAll(modes.keySet());
    schedule = next;
    return affected;
  }

  /** Validates and applies machine/down (all or nothing); returns the machines now DOWN. */
  public List<MachineKey> down(List<MachineID> machines) {
    List<MachineKey> keys = validList(machines);
    for (MachineKey key : keys) {
      Mode mode = modes.get(key);
      if (mode == null) {
        throw new MaintenanceException("Machine '" + key + "' is not part of a maintenance schedule");
      }
      if (mode != Mode.DRAINING) {
        throw new MaintenanceException("Machine '" + key + "' is not in DRAINING mode and cannot be brought down");
      }
    }
    for (MachineKey key : keys) {
      modes.put(key, Mode.DOWN);
      statuses.remove(key);
    }
    return keys;
  }

  /** Validates and applies machine/up: machines leave the schedule (empty windows are dropped). */
  public List<MachineKey> up(List<MachineID> machines) {
    List<MachineKey> keys = validList(machines);
    for (MachineKey key : keys) {
      Mode mode = modes.get(key);
      if (mode == null) {
        throw new MaintenanceException("Machine '" + key + "' is not part of a maintenance schedule");
      }
      if (mode != Mode.DOWN) {
        throw new MaintenanceException("Machine '" + key + "' is not in DOWN mode and cannot be brought up");
      }
    }
    Set<MachineKey> gone = new HashSet<>(keys);
    Schedule.Builder next = Schedule.newBuilder();
    for (Window w : schedule.getWindowsList()) {
      Window.Builder kept = w.toBuilder().clearMachineIds();
      for (MachineID id : w.getMachineIdsList()) {
        if (!gone.contains(MachineKey.of(id))) {
          kept.addMachineIds(id);
        }
      }
      if (kept.getMachineIdsCount() > 0) {
        next.addWindows(kept);
      }
    }
    schedule = next.build();
    for (MachineKey key : keys) {
      modes.remove(key);
      windows.remove(key);
      ids.remove(key);
      statuses.remove(key);
    }
    return keys;
  }

  /** Records a framework's answer to an inverse offer for the machine's maintenance status. */
  public void recordAnswer(MachineKey key, String frameworkId, InverseOfferStatus.Status status) {
    if (!modes.containsKey(key)) {
      return;
    }
    statuses.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(frameworkId, InverseOfferStatus.newBuilder()
        .setStatus(status).setFrameworkId(Protos.FrameworkID.newBuilder().setValue(frameworkId))
        .setTimestamp(Protos.TimeInfo.newBuilder().setNanoseconds(System.currentTimeMillis() * 1_000_000L))
        .build());
  }

  /** The ClusterStatus of GET /maintenance/status. */
  public ClusterStatus status() {
    ClusterStatus.Builder b = ClusterStatus.newBuilder();
    for (Map.Entry<MachineKey, Mode> e : modes.entrySet()) {
      MachineID id = ids.get(e.getKey());
      if (e.getValue() == Mode.DOWN) {
        b.addDownMachines(id);
      } else {
        ClusterStatus.DrainingMachine.Builder d = ClusterStatus.DrainingMachine.newBuilder().setId(id);
        d.addAllStatuses(statuses.getOrDefault(e.getKey(), Map.of()).values());
        b.addDrainingMachines(d);
      }
    }
    return b.build();
  }

  private static List<MachineKey> validList(List<MachineID> machines) {
    if (machines.isEmpty()) {
      throw new MaintenanceException("List of machines is empty");
    }
    List<MachineKey> keys = new ArrayList<>();
    Set<MachineKey> seen = new HashSet<>();
    for (MachineID id : machines) {
      MachineKey key = validMachine(id);
      if (!seen.add(key)) {
        throw new MaintenanceException("Machine '" + key + "' appears more than once in the list");
      }
      keys.add(key);
    }
    return keys;
  }

  private static MachineKey validMachine(MachineID id) {
    if ((!id.hasHostname() || id.getHostname().isEmpty()) && (!id.hasIp() || id.getIp().isEmpty())) {
      throw new MaintenanceException("Both 'hostname' and 'ip' for a machine are empty");
    }
    if (id.hasIp() && !AgentSpec.isIpv4(id.getIp())) {
      throw new MaintenanceException("Failed to parse IP '" + id.getIp() + "': not a valid IPv4 address");
    }
    return MachineKey.of(id);
  }
}
