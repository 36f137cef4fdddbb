package io.peloton.controllers.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peloton.api.ApiObject;
import io.peloton.api.maintenance.HostMaintenance;
import io.peloton.api.maintenance.HostMaintenanceSpec;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.client.ObjectKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which maintenances a Host or Task event wakes, including Tasks with only one host known. */
class MaintenanceNamingTest {
  private static HostMaintenance maintenance(String name, String... hosts) {
    return new HostMaintenance(ApiObject.API_VERSION, "HostMaintenance", ObjectMeta.named(name),
        new HostMaintenanceSpec(List.of(hosts), null, null, false), null);
  }

  private final List<HostMaintenance> all =
      List.of(maintenance("m1", "h1", "h2"), maintenance("m3", "h3"));

  @Test
  void anEvictedTaskWithOnlyAStatusHostWakesItsMaintenance() {
    // spec.host cleared for a new run, status.host still the old one: this threw an NPE from
    // the informer handler (List.copyOf(...).contains(null)) and the event was lost
    assertEquals(List.of(ObjectKey.cluster("m3")),
        HostMaintenanceController.naming(all, null, "h3"));
  }

  @Test
  void eitherHostNamesTheMaintenance() {
    assertEquals(List.of(ObjectKey.cluster("m1")),
        HostMaintenanceController.naming(all, "h2", null));
    assertEquals(List.of(ObjectKey.cluster("m1"), ObjectKey.cluster("m3")),
        HostMaintenanceController.naming(all, "h1", "h3"));
    assertEquals(List.of(), HostMaintenanceController.naming(all, "h9", null));
  }
}
