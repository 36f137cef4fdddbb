package io.peloton.controllers.maintenance;

import static io.peloton.controllers.testing.ControllerHarness.WAIT;
import static io.peloton.controllers.testing.ControllerHarness.config;
import static io.peloton.controllers.testing.ControllerHarness.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.codec.Codecs;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec.MaintenanceMode;
import io.peloton.api.host.HostState;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.job.Sla;
import io.peloton.api.maintenance.HostMaintenance;
import io.peloton.api.maintenance.HostMaintenanceSpec;
import io.peloton.api.maintenance.HostMaintenanceStatus.HostProgress;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.client.TypedClient;
import io.peloton.controllers.status.Conditions;
import io.peloton.controllers.testing.ControllerHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host through DRAINING, DRAINED, DOWN and back UP, the test playing scheduler and bridge. */
class HostMaintenanceControllerTest {
  @TempDir
  Path dir;
  ControllerHarness h;
  TypedClient<HostMaintenance> maintenances;

  @BeforeEach
  void start() {
    h = new ControllerHarness(dir, ControllerHarness.testConfig());
    maintenances = h.api().typed(HostMaintenance.class);
    h.pool("svc", "/", 10, 10);
    h.host("h1", HostState.UP);
    h.host("h2", HostState.UP);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private HostProgress progress(String maintenance, String host) {
    HostMaintenance m = maintenances.get(null, maintenance);
    if (m.status() == null || m.status().hosts() == null) {
      return null;
    }
    return m.status().hosts().stream().filter(p -> host.equals(p.host())).findFirst()
        .orElse(null);
  }

  private boolean at(String maintenance, String host, HostState state) {
    HostProgress p = progress(maintenance, host);
    return p != null && p.state() == state;
  }

  private void maintain(String name, String host) {
    maintenances.create(new HostMaintenance(ApiObject.API_VERSION, "HostMaintenance",
        ObjectMeta.named(name), new HostMaintenanceSpec(List.of(host), null, null, false), null));
  }

  @Test
  void aHostIsDrainedTakenDownAndBroughtBackUp() {
    h.job("web", spec(JobType.SERVICE, 2, null, config(null), "/svc"));
    await().atMost(WAIT).until(() -> h.tasksOf("web").size() == 2);
    h.runOn("web", 0, "h1");
    h.runOn("web", 1, "h2");
    maintain("m1", "h1");

    await().atMost(WAIT).until(() -> h.task("web", 0).spec().runId() == 2);
    Host cordoned = h.hosts.get(null, "h1");
    assertTrue(cordoned.spec().unschedulable());
    assertEquals(MaintenanceMode.DRAIN, cordoned.spec().maintenance());
    Task evicted = h.task("web", 0);
    assertNull(evicted.spec().host(), "the new run goes elsewhere");
    assertEquals(1, h.task("web", 1).spec().runId(), "tasks on other hosts stay");
    await().atMost(WAIT).until(() -> at("m1", "h1", HostState.DRAINING));
    await().atMost(WAIT).until(() -> h.eventsAbout("web-0").stream().anyMatch(e ->
        "Evicted".equals(e.reason()) && e.message().contains("KILLED_HOST_MAINTENANCE")));

    // the bridge kills the old run
    h.reportRun("web", 0, 1, TaskState.KILLED, "h1");
    await().atMost(WAIT).until(() -> h.hosts.get(null, "h1").spec().maintenance()
        == MaintenanceMode.DOWN);
    await().atMost(WAIT).until(() -> at("m1", "h1", HostState.DRAINED));
    h.hostState("h1", HostState.DOWN);
    await().atMost(WAIT).until(() -> at("m1", "h1", HostState.DOWN));
    assertTrue(Conditions.isTrue(maintenances.get(null, "m1").status().conditions(), "Drained"));

    ObjectNode complete = Codecs.json().createObjectNode();
    complete.putObject("spec").put("complete", true);
    maintenances.patch(null, "m1", complete, false);
    await().atMost(WAIT).until(() -> {
      Host up = h.hosts.get(null, "h1");
      return up.spec().maintenance() == MaintenanceMode.NONE && !up.spec().unschedulable();
    });
    h.hostState("h1", HostState.UP);
    await().atMost(WAIT).until(() -> at("m1", "h1", HostState.UP)
        && Conditions.isTrue(maintenances.get(null, "m1").status().conditions(), "Completed"));
    await().atMost(WAIT).until(() -> h.hasEvent("m1", "HostDown") && h.hasEvent("m1", "HostUp"));
  }

  @Test
  void aWindowThatOpensLaterCordonsNothingAndSaysWhen() {
    maintenances.create(new HostMaintenance(ApiObject.API_VERSION, "HostMaintenance",
        ObjectMeta.named("later"), new HostMaintenanceSpec(List.of("h1", "nosuchhost"),
            "2099-01-02T16:00:00Z", "1h", false), null));

    await().atMost(WAIT).until(() -> progress("later", "h1") != null
        && progress("later", "h1").message().contains("window opens at 2099-01-02T16:00:00Z"));
    Host h1 = h.hosts.get(null, "h1");
    assertTrue(h1.spec() == null || !Boolean.TRUE.equals(h1.spec().unschedulable()),
        "cordoned before its window: " + h1.spec());
    assertEquals("no Host named nosuchhost exists", progress("later", "nosuchhost").message());
    assertTrue(!Conditions.isTrue(maintenances.get(null, "later").status().conditions(),
        "Draining"), "a window not yet open is not draining");
  }

  @Test
  void anUnknownHostIsReportedButNotDraining() {
    maintain("ghost", "nosuchhost");
    await().atMost(WAIT).until(() -> progress("ghost", "nosuchhost") != null);
    assertEquals("no Host named nosuchhost exists", progress("ghost", "nosuchhost").message());
    assertTrue(!Conditions.isTrue(maintenances.get(null, "ghost").status().conditions(),
        "Draining"), "nothing is draining on a host that does not exist");
  }

  @Test
  void aHostBlockedByAJobsSlaSaysWhichJob() {
    h.job("api", spec(JobType.SERVICE, 2, new Sla(0, false, false, null, null, null, 1),
        config(null), "/svc"));
    await().atMost(WAIT).until(() -> h.tasksOf("api").size() == 2);
    h.runOn("api", 0, "h1");
    h.runOn("api", 1, "h1");
    maintain("m2", "h1");
    await().atMost(WAIT).until(() -> {
      HostProgress p = progress("m2", "h1");
      return p != null && p.blockedBy() != null && p.blockedBy().contains("default/api");
    });
    assertEquals(HostState.DRAINING, progress("m2", "h1").state());
    long evicted = h.tasksOf("api").stream().filter(t -> t.spec().runId() == 2).count();
    assertEquals(1, evicted, "only one instance may be unavailable at a time");
    assertTrue(progress("m2", "h1").blockedBy().contains("maximumUnavailableInstances"));
  }

  @Test
  void oneMaintenanceOfTwoHostsCountsTheSlaAcrossBoth() {
    h.job("api", spec(JobType.SERVICE, 2, new Sla(0, false, false, null, null, null, 1),
        config(null), "/svc"));
    await().atMost(WAIT).until(() -> h.tasksOf("api").size() == 2);
    h.runOn("api", 0, "h1");
    h.runOn("api", 1, "h2");
    maintenances.create(new HostMaintenance(ApiObject.API_VERSION, "HostMaintenance",
        ObjectMeta.named("m3"), new HostMaintenanceSpec(List.of("h1", "h2"), null, null, false),
        null));
    await().atMost(WAIT).until(() -> {
      HostProgress a = progress("m3", "h1");
      HostProgress b = progress("m3", "h2");
      return a != null && b != null && (a.blockedBy() != null || b.blockedBy() != null);
    });
    long evicted = h.tasksOf("api").stream().filter(t -> t.spec().runId() == 2).count();
    assertEquals(1, evicted, "one pass over both hosts may still make only one unavailable");
  }

  @Test
  void aCompletedMaintenanceLeavesTheHostToANewerOne() {
    maintain("m4", "h1");
    await().atMost(WAIT).until(() -> h.hosts.get(null, "h1").spec().maintenance()
        == MaintenanceMode.DOWN);
    h.hostState("h1", HostState.DOWN);
    ObjectNode complete = Codecs.json().createObjectNode();
    complete.putObject("spec").put("complete", true);
    maintenances.patch(null, "m4", complete, false);
    await().atMost(WAIT).until(() -> h.hosts.get(null, "h1").spec().maintenance()
        == MaintenanceMode.NONE);
    h.hostState("h1", HostState.UP);
    await().atMost(WAIT).until(() -> at("m4", "h1", HostState.UP));

    maintain("m5", "h1");
    await().atMost(WAIT).until(() -> at("m5", "h1", HostState.DRAINED));
    h.hostState("h1", HostState.DOWN);
    await().atMost(WAIT).until(() -> at("m5", "h1", HostState.DOWN));
    Host down = h.hosts.get(null, "h1");
    assertEquals(MaintenanceMode.DOWN, down.spec().maintenance(), "m4 must not bring it up");
    assertTrue(down.spec().unschedulable());
    long uncordons = h.eventsAbout("m4").stream().filter(e -> "Uncordoned".equals(e.reason()))
        .count();
    assertEquals(1, uncordons, "m4 uncordoned h1 again after m5 took it");
    assertTrue(progress("m4", "h1").message().contains("hostmaintenance/m5"),
        progress("m4", "h1").toString());
  }
}
