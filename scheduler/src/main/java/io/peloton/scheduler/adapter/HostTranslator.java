package io.peloton.scheduler.adapter;

import io.peloton.api.host.HostSpec;
import io.peloton.api.host.HostStatus;
import io.peloton.api.resource.ResourceAmounts;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.HostState;
import io.peloton.scheduler.model.Resources;

/** Converts a Host object (as the Mesos bridge reports it) into the placement model. */
public final class HostTranslator {
  private HostTranslator() {}

  /**
   * The model host, or an {@link InvalidObjectException} when the bridge has not reported the agent
   * yet or reported something unusable. Allocatable is what tasks may use; capacity is the fallback.
   */
  public static Host translate(io.peloton.api.host.Host h) {
    String name = h.metadata() == null ? null : h.metadata().name();
    if (name == null || name.isBlank()) {
      throw new InvalidObjectException("metadata.name", "required");
    }
    HostStatus status = h.status();
    if (status == null || status.state() == null) {
      throw new InvalidObjectException("status.state", "not reported yet");
    }
    ResourceAmounts amounts = status.allocatable() != null ? status.allocatable() : status.capacity();
    String field = status.allocatable() != null ? "status.allocatable" : "status.capacity";
    if (amounts == null) {
      throw new InvalidObjectException("status.allocatable", "not reported yet");
    }
    Resources capacity = Resources.of(amount(amounts.cpu(), field + ".cpu"), amount(amounts.memory(), field + ".memory"),
        amount(amounts.disk(), field + ".disk"), amount(amounts.gpu(), field + ".gpu"));
    int ports = 0;
    for (HostStatus.PortRange r : status.ports() == null ? java.util.List.<HostStatus.PortRange>of() : status.ports()) {
      if (r != null && r.begin() != null && r.end() != null && r.end() >= r.begin()) {
        ports += r.end() - r.begin() + 1;
      }
    }
    HostSpec spec = h.spec();
    boolean cordoned = spec != null && (Boolean.TRUE.equals(spec.unschedulable())
        || (spec.maintenance() != null && spec.maintenance() != HostSpec.MaintenanceMode.NONE));
    HostState state = switch (status.state()) {
      case UP -> HostState.UP;
      case DRAINING -> HostState.DRAINING;
      case DRAINED -> HostState.DRAINED;
      case DOWN -> HostState.DOWN;
    };
    return new Host(name, state, cordoned, capacity, ports, 0, status.attributes());
  }

  private static double amount(Double v, String field) {
    if (v == null) {
      return 0;
    }
    if (v.isNaN() || v < 0) {
      throw new InvalidObjectException(field, "must be a number >= 0, was " + v);
    }
    return v;
  }
}
