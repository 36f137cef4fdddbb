package io.peloton.client.testing;

import io.peloton.api.ApiObject;
import io.peloton.api.lease.Lease;
import io.peloton.api.lease.LeaseSpec;
import io.peloton.api.meta.ObjectMeta;
import java.util.Map;

/** Lease objects for tests: the simplest kind with a spec, so informer tests stay readable. */
public final class Leases {
  private Leases() {}

  public static Lease lease(String name, Map<String, String> labels, String holder) {
    return new Lease(ApiObject.API_VERSION, "Lease", ObjectMeta.named(name).withLabels(labels),
        new LeaseSpec(holder, 10, null, null, 0));
  }

  public static Lease withHolder(Lease l, String holder) {
    LeaseSpec s = l.spec();
    return new Lease(l.apiVersion(), l.kind(), l.metadata(), new LeaseSpec(holder,
        s.leaseDurationSeconds(), s.acquireTime(), s.renewTime(), s.leaseTransitions()));
  }
}
