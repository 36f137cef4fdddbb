package io.peloton.controllers.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.ApiObject;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec;
import io.peloton.api.host.HostState;
import io.peloton.api.host.HostStatus;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.taskconfig.Constraint;
import io.peloton.api.taskconfig.LabelConstraint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which hosts a DAEMON job runs on. */
class HostEligibilityTest {
  private static Host host(HostState state, boolean cordoned, Map<String, String> attributes) {
    return new Host(ApiObject.API_VERSION, "Host", ObjectMeta.named("h"),
        new HostSpec(cordoned, HostSpec.MaintenanceMode.NONE),
        new HostStatus(state, null, "h", null, null, null, null, attributes, null, null, null,
            null));
  }

  private static Constraint rack(String value) {
    return new Constraint(Constraint.ConstraintType.LABEL, new LabelConstraint(
        LabelConstraint.Kind.HOST, LabelConstraint.Condition.EQUAL,
        new LabelConstraint.Label("rack", value), 1), null, null);
  }

  @Test
  void onlyUpSchedulableHostsMatchingTheConstraintQualify() {
    assertTrue(HostEligibility.eligible(host(HostState.UP, false, Map.of()), null));
    assertFalse(HostEligibility.eligible(host(HostState.DRAINING, false, Map.of()), null));
    assertFalse(HostEligibility.eligible(host(HostState.UP, true, Map.of()), null));
    assertTrue(HostEligibility.eligible(host(HostState.UP, false, Map.of("rack", "a")),
        rack("a")));
    assertFalse(HostEligibility.eligible(host(HostState.UP, false, Map.of("rack", "b")),
        rack("a")));
    Constraint either = new Constraint(Constraint.ConstraintType.OR, null, null,
        new Constraint.Junction(List.of(rack("a"), rack("b"))));
    assertTrue(HostEligibility.eligible(host(HostState.UP, false, Map.of("rack", "b")), either));
  }
}
