package io.peloton.api.validation;

import static io.peloton.api.validation.JsonDefaults.object;
import static io.peloton.api.validation.JsonDefaults.setIfAbsent;
import static io.peloton.api.validation.StructuralCheck.child;
import static io.peloton.api.validation.StructuralCheck.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.maintenance.HostMaintenance;
import io.peloton.api.maintenance.HostMaintenanceSpec;
import io.peloton.api.maintenance.HostMaintenanceStatus;
import io.peloton.api.time.DurationText;
import java.util.HashSet;
import java.util.Set;

/** HostMaintenance defaults and checks. */
final class HostMaintenanceRules implements KindRules {
  @Override
  public void applyDefaults(ObjectNode object) {
    ObjectNode spec = object(object, "spec", false);
    if (spec != null) {
      setIfAbsent(spec, "complete", false);
    }
  }

  @Override
  public void validate(ApiObject object, FieldErrors errors) {
    HostMaintenance hm = (HostMaintenance) object;
    HostMaintenanceSpec spec = hm.spec();
    if (spec == null) {
      errors.required("spec");
    } else {
      if (spec.hosts() == null || spec.hosts().isEmpty()) {
        errors.required("spec.hosts", "at least one host name");
      } else {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.hosts().size(); i++) {
          String h = spec.hosts().get(i);
          String at = index("spec.hosts", i);
          errors.format(at, h, NameFormats.dns1123Subdomain(h));
          if (!seen.add(h)) {
            errors.duplicate(at, h);
          }
        }
      }
      MetadataRules.timestamp("spec.start", spec.start(), errors);
      if (spec.duration() != null) {
        String problem = DurationText.problem(spec.duration());
        if (problem == null && DurationText.parse(spec.duration()).isZero()) {
          problem = "must be longer than 0s (leave it out for an open-ended window)";
        }
        errors.format("spec.duration", spec.duration(), problem);
      }
    }
    if (hm.status() != null) {
      validateStatus(hm.status(), errors);
    }
  }

  @Override
  public void validateStatus(Object status, FieldErrors errors) {
    HostMaintenanceStatus s = (HostMaintenanceStatus) status;
    if (s.hosts() != null) {
      for (int i = 0; i < s.hosts().size(); i++) {
        HostMaintenanceStatus.HostProgress p = s.hosts().get(i);
        String at = index("status.hosts", i);
        if (p.host() == null || p.host().isEmpty()) {
          errors.required(child(at, "host"));
        }
        errors.nonNegative(at, "tasksRemaining", p.tasksRemaining());
      }
    }
    MetadataRules.conditions("status.conditions", s.conditions(), errors);
    errors.nonNegative("status.observedGeneration", s.observedGeneration());
  }
}
