package io.peloton.controllers.job;

import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec;
import io.peloton.api.host.HostState;
import io.peloton.api.taskconfig.Constraint;
import io.peloton.api.taskconfig.LabelConstraint;
import java.util.Map;

/** Decides which Hosts a DAEMON job runs on: UP, schedulable, and matching its constraint. */
public final class HostEligibility {
  private HostEligibility() {}

  public static boolean eligible(Host host, Constraint constraint) {
    if (host.metadata().deletionTimestamp() != null || host.status() == null
        || host.status().state() != HostState.UP) {
      return false;
    }
    HostSpec spec = host.spec();
    if (spec != null && (Boolean.TRUE.equals(spec.unschedulable())
        || spec.maintenance() != null && spec.maintenance() != HostSpec.MaintenanceMode.NONE)) {
      return false;
    }
    Map<String, String> attributes = host.status().attributes() == null ? Map.of()
        : host.status().attributes();
    return matches(constraint, attributes);
  }

  /** HOST label constraints are checked against attributes; TASK ones are the scheduler's. */
  static boolean matches(Constraint c, Map<String, String> attributes) {
    if (c == null || c.type() == null) {
      return true;
    }
    return switch (c.type()) {
      case LABEL -> matchesLabel(c.labelConstraint(), attributes);
      case AND -> c.andConstraint() == null || c.andConstraint().constraints() == null
          || c.andConstraint().constraints().stream().allMatch(x -> matches(x, attributes));
      case OR -> c.orConstraint() == null || c.orConstraint().constraints() == null
          || c.orConstraint().constraints().isEmpty()
          || c.orConstraint().constraints().stream().anyMatch(x -> matches(x, attributes));
    };
  }

  private static boolean matchesLabel(LabelConstraint lc, Map<String, String> attributes) {
    if (lc == null || lc.kind() != LabelConstraint.Kind.HOST || lc.label() == null) {
      return true;
    }
    int count = lc.label().value() != null && lc.label().value().equals(
        attributes.get(lc.label().key())) ? 1 : 0;
    int requirement = lc.requirement() == null ? 0 : lc.requirement();
    LabelConstraint.Condition cond = lc.condition() == null ? LabelConstraint.Condition.EQUAL
        : lc.condition();
    return switch (cond) {
      case LESS_THAN -> count < requirement;
      case EQUAL -> count == requirement;
      case GREATER_THAN -> count > requirement;
    };
  }
}
