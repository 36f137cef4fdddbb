package io.peloton.mesos.sim.master;

import io.peloton.mesos.sim.allocator.OfferTarget;
import io.peloton.mesos.sim.allocator.RefusalFilters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/** A framework known to the master: its info, roles, suppression, filters and live stream. */
final class FrameworkRecord implements OfferTarget {
  final String id;
  FrameworkInfo info;
  EventSink sink;
  final Set<String> suppressed = new LinkedHashSet<>();
  final RefusalFilters filters = new RefusalFilters();
  long failoverTimer = -1;
  final long registeredNanos = System.currentTimeMillis() * 1_000_000L;
  private final Map<Integer, ? extends Set<TaskRecord>> tasksByAgent;

  FrameworkRecord(String id, FrameworkInfo info, Map<Integer, ? extends Set<TaskRecord>> tasksByAgent) {
    this.id = id;
    this.info = info;
    this.tasksByAgent = tasksByAgent;
  }

  /** The roles the framework subscribed with (MULTI_ROLE roles, or the legacy single role). */
  List<String> roles() {
    if (hasCapability(FrameworkInfo.Capability.Type.MULTI_ROLE)) {
      return info.getRolesList();
    }
    return List.of(info.hasRole() ? info.getRole() : "*");
  }

  boolean hasCapability(FrameworkInfo.Capability.Type type) {
    for (FrameworkInfo.Capability c : info.getCapabilitiesList()) {
      if (c.getType() == type) {
        return true;
      }
    }
    return false;
  }

  boolean partitionAware() {
    return hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
  }

  boolean connected() {
    return sink != null;
  }

  @Override
  public String frameworkId() {
    return id;
  }

  @Override
  public List<String> offerableRoles() {
    List<String> out = new ArrayList<>();
    for (String r : roles()) {
      if (!suppressed.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public boolean gpuCapable() {
    return hasCapability(FrameworkInfo.Capability.Type.GPU_RESOURCES);
  }

  @Override
  public boolean reservationRefinement() {
    return hasCapability(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT);
  }

  @Override
  public RefusalFilters filters() {
    return filters;
  }

  @Override
  public boolean hasTasksOn(int agentIndex) {
    Set<TaskRecord> tasks = tasksByAgent.get(agentIndex);
    if (tasks == null) {
      return false;
    }
    for (TaskRecord t : tasks) {
      if (t.frameworkId.equals(id)) {
        return true;
      }
    }
    return false;
  }
}
