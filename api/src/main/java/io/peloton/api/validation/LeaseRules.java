package io.peloton.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.lease.Lease;
import io.peloton.api.lease.LeaseSpec;

/** Lease checks (a Lease has no defaults). */
final class LeaseRules implements KindRules {
  @Override
  public void applyDefaults(ObjectNode object) {
    JsonDefaults.object(object, "spec", true);
  }

  @Override
  public void validate(ApiObject object, FieldErrors errors) {
    LeaseSpec spec = ((Lease) object).spec();
    if (spec == null) {
      return;
    }
    errors.positive("spec.leaseDurationSeconds", spec.leaseDurationSeconds());
    errors.nonNegative("spec.leaseTransitions", spec.leaseTransitions());
    MetadataRules.timestamp("spec.acquireTime", spec.acquireTime(), errors);
    MetadataRules.timestamp("spec.renewTime", spec.renewTime(), errors);
  }

  @Override
  public void validateStatus(Object status, FieldErrors errors) {
    // this kind has no status
  }
}
