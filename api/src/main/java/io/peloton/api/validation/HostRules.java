package io.peloton.api.validation;

import static io.peloton.api.validation.JsonDefaults.object;
import static io.peloton.api.validation.JsonDefaults.setIfAbsent;
import static io.peloton.api.validation.StructuralCheck.child;
import static io.peloton.api.validation.StructuralCheck.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostStatus;
import io.peloton.api.time.DurationText;

/** Host defaults and checks. */
final class HostRules implements KindRules {
  @Override
  public void applyDefaults(ObjectNode object) {
    ObjectNode spec = object(object, "spec", true);
    setIfAbsent(spec, "unschedulable", false);
    setIfAbsent(spec, "maintenance", "NONE");
  }

  @Override
  public void validate(ApiObject object, FieldErrors errors) {
    HostStatus s = ((Host) object).status();
    if (s != null) {
      validateStatus(s, errors);
    }
  }

  @Override
  public void validateStatus(Object status, FieldErrors errors) {
    HostStatus s = (HostStatus) status;
    ResourcePoolRules.amounts("status.capacity", s.capacity(), errors);
    ResourcePoolRules.amounts("status.allocatable", s.allocatable(), errors);
    if (s.ports() != null) {
      for (int i = 0; i < s.ports().size(); i++) {
        HostStatus.PortRange r = s.ports().get(i);
        String at = index("status.ports", i);
        if (r.begin() == null) {
          errors.required(child(at, "begin"));
        }
        if (r.end() == null) {
          errors.required(child(at, "end"));
        }
        errors.inRange(at, "begin", r.begin(), 0, 65535);
        errors.inRange(at, "end", r.end(), 0, 65535);
        if (r.begin() != null && r.end() != null && r.end() < r.begin()) {
          errors.invalid(child(at, "end"), r.end(), "must be greater than or equal to begin ("
              + r.begin() + ")");
        }
      }
    }
    if (s.unavailability() != null) {
      if (s.unavailability().start() == null) {
        errors.required("status.unavailability.start");
      }
      MetadataRules.timestamp("status.unavailability.start", s.unavailability().start(), errors);
      String d = s.unavailability().duration();
      errors.format("status.unavailability.duration", d, d == null ? null : DurationText.problem(d));
    }
    MetadataRules.timestamp("status.lastHeartbeatTime", s.lastHeartbeatTime(), errors);
    MetadataRules.conditions("status.conditions", s.conditions(), errors);
    errors.nonNegative("status.observedGeneration", s.observedGeneration());
  }
}
