package io.peloton.bridge.hosts;

import io.peloton.api.host.HostState;
import io.peloton.api.host.HostStatus;
import io.peloton.api.meta.Condition;
import io.peloton.api.resource.ResourceAmounts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.master.Protos.Response;

/** Turns one agent of a GET_AGENTS answer into the Host status the bridge publishes. */
public final class AgentHostStatus {
  public static final String READY = "Ready";

  private AgentHostStatus() {}

  /** The agent's IP, read from its pid {@code slave(1)@ip:port}; null if absent. */
  public static String ipOf(Response.GetAgents.Agent agent) {
    String pid = agent.getPid();
    int at = pid.indexOf('@');
    int colon = pid.lastIndexOf(':');
    return at >= 0 && colon > at ? pid.substring(at + 1, colon) : null;
  }

  /**
   * The status for an agent.
   *
   * @param role our role: resources reserved for other roles are not allocatable
   * @param previous the Host's current conditions (kept so transition times only move on change)
   */
  public static HostStatus of(Response.GetAgents.Agent agent, String role, HostState state,
      HostStatus.Unavailability unavailability, List<Condition> previous, String now) {
    List<Protos.Resource> total = agent.getTotalResourcesCount() > 0
        ? agent.getTotalResourcesList() : agent.getAgentInfo().getResourcesList();
    double[] cap = new double[4];
    double[] alloc = new double[4];
    List<HostStatus.PortRange> ports = new ArrayList<>();
    for (Protos.Resource r : total) {
      boolean ours = r.getReservationsCount() == 0
          || r.getReservations(r.getReservationsCount() - 1).getRole().equals(role);
      int i = switch (r.getName()) {
        case "cpus" -> 0;
        case "mem" -> 1;
        case "disk" -> 2;
        case "gpus" -> 3;
        default -> -1;
      };
      if (i >= 0 && r.getType() == Protos.Value.Type.SCALAR) {
        cap[i] += r.getScalar().getValue();
        if (ours) {
          alloc[i] += r.getScalar().getValue();
        }
      } else if (r.getName().equals("ports") && r.getType() == Protos.Value.Type.RANGES) {
        for (Protos.Value.Range range : r.getRanges().getRangeList()) {
          ports.add(new HostStatus.PortRange((int) range.getBegin(), (int) range.getEnd()));
        }
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Protos.Attribute a : agent.getAgentInfo().getAttributesList()) {
      attributes.put(a.getName(), switch (a.getType()) {
        case SCALAR -> trim(a.getScalar().getValue());
        case TEXT -> a.getText().getValue();
        case RANGES -> a.getRanges().getRangeList().stream()
            .map(x -> x.getBegin() + "-" + x.getEnd()).reduce((x, y) -> x + "," + y).orElse("");
        case SET -> String.join(",", a.getSet().getItemList());
      });
    }
    List<Condition> conditions = withCondition(previous, new Condition(READY,
        agent.getActive() ? Condition.TRUE : Condition.FALSE,
        agent.getActive() ? "AgentActive" : "AgentInactive",
        agent.getActive() ? "the Mesos agent is registered" : "the Mesos agent is not active",
        now, null));
    return new HostStatus(state, agent.getAgentInfo().getId().getValue(),
        agent.getAgentInfo().getHostname(), ipOf(agent),
        new ResourceAmounts(cap[0], cap[1], cap[2], cap[3]),
        new ResourceAmounts(alloc[0], alloc[1], alloc[2], alloc[3]),
        ports, attributes, unavailability, null, conditions, null);
  }

  /** {@code conditions} with {@code c} replacing the one of its type; time kept if unchanged. */
  public static List<Condition> withCondition(List<Condition> conditions, Condition c) {
    List<Condition> out = new ArrayList<>();
    Condition merged = c;
    if (conditions != null) {
      for (Condition old : conditions) {
        if (old.type().equals(c.type())) {
          if (old.status().equals(c.status())) {
            merged = new Condition(c.type(), c.status(), c.reason(), c.message(),
                old.lastTransitionTime(), c.observedGeneration());
          }
        } else {
          out.add(old);
        }
      }
    }
    out.add(merged);
    return out;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
