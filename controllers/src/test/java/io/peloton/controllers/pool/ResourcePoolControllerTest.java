package io.peloton.controllers.pool;

import static io.peloton.controllers.testing.ControllerHarness.WAIT;
import static io.peloton.controllers.testing.ControllerHarness.config;
import static io.peloton.controllers.testing.ControllerHarness.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.meta.Condition;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.pool.ResourcePoolSpec;
import io.peloton.api.pool.ResourcePoolSpec.PoolResource;
import io.peloton.api.pool.ResourcePoolStatus;
import io.peloton.api.resource.ResourceKind;
import io.peloton.client.ApiError;
import io.peloton.controllers.WellKnownKeys;
import io.peloton.controllers.status.Conditions;
import io.peloton.controllers.testing.ControllerHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pool tree rules across objects, each broken rule with its own reason; busy pools stay. */
class ResourcePoolControllerTest {
  @TempDir
  Path dir;
  ControllerHarness h;

  @BeforeEach
  void start() {
    h = new ControllerHarness(dir, ControllerHarness.testConfig());
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private Condition ready(String pool) {
    ResourcePool p = h.pools.get(null, pool);
    return p.status() == null ? null : Conditions.find(p.status().conditions(), "Ready");
  }

  private boolean readyReason(String pool, String reason) {
    Condition c = ready(pool);
    return c != null && reason.equals(c.reason());
  }

  @Test
  void aValidTreeGetsPathsChildrenAndTheInUseFinalizer() {
    h.pool("org", "/", 10, 20);
    h.pool("team", "/org", 4, 10);
    await().atMost(WAIT).until(() -> readyReason("team", "Valid") && readyReason("org", "Valid"));
    ResourcePool team = h.pools.get(null, "team");
    assertEquals("/org/team", team.status().path());
    assertTrue(team.metadata().finalizers().contains(WellKnownKeys.POOL_IN_USE_FINALIZER));
    await().atMost(WAIT).until(() -> List.of("/org/team").equals(
        h.pools.get(null, "org").status().children()));
  }

  @Test
  void aMissingParentIsReported() {
    h.pool("orphan", "/ghost", 1, 1);
    await().atMost(WAIT).until(() -> readyReason("orphan", "ParentNotFound"));
    assertTrue(ready("orphan").message().contains("/ghost"), ready("orphan").message());
    await().atMost(WAIT).until(() -> h.hasEvent("orphan", "ParentNotFound"));
  }

  @Test
  void childrenReservationsMustFitInTheParent() {
    h.pool("parent", "/", 10, 10);
    h.pool("c1", "/parent", 6, 6);
    h.pool("c2", "/parent", 6, 6);
    await().atMost(WAIT).until(() -> readyReason("c2", "ReservationExceedsParent")
        && readyReason("c1", "ReservationExceedsParent"));
    assertTrue(ready("c2").message().contains("12.0"), ready("c2").message());
    h.pools.delete(null, "c2");
    await().atMost(WAIT).until(() -> readyReason("c1", "Valid"));
  }

  @Test
  void aChildLimitMustNotExceedTheParents() {
    h.pool("small", "/", 5, 5);
    h.pool("greedy", "/small", 1, 8);
    await().atMost(WAIT).until(() -> readyReason("greedy", "LimitExceedsParent"));
    assertTrue(ready("greedy").message().contains("limit 8.0"), ready("greedy").message());
  }

  @Test
  void parentsMustNotLoop() {
    h.pool("x", "/y", 0, 0);
    h.pool("y", "/x", 0, 0);
    await().atMost(WAIT).until(() -> readyReason("x", "ParentCycle")
        && readyReason("y", "ParentCycle"));
  }

  @Test
  void jobsMayRunOnlyInLeafPools() {
    h.pool("leaf", "/", 10, 10);
    h.job("j", spec(JobType.BATCH, 1, null, config(null), "/leaf"));
    await().atMost(WAIT).until(() -> h.tasksOf("j").size() == 1);
    h.pool("sub", "/leaf", 1, 1);
    await().atMost(WAIT).until(() -> readyReason("leaf", "JobsInNonLeafPool"));
    assertTrue(ready("leaf").message().contains("default/j"), ready("leaf").message());
    await().atMost(WAIT).until(() -> {
      Condition c = Conditions.find(h.job("j").status().conditions(), "PoolReady");
      return c != null && "PoolNotLeaf".equals(c.reason());
    });
  }

  @Test
  void conditionsOtherWritersOwnAreKept() {
    h.pool("shared", "/", 10, 10);
    await().atMost(WAIT).until(() -> readyReason("shared", "Valid"));
    // the scheduler writes DemandSatisfied into the same list
    ResourcePool p = h.pools.get(null, "shared");
    List<Condition> withDemand = new ArrayList<>(p.status().conditions());
    withDemand.add(new Condition("DemandSatisfied", Condition.TRUE, "NoPendingDemand",
        "no task of this pool is waiting", "2026-01-01T00:00:00Z", 1L));
    ResourcePool written = h.pools.updateStatus(new ResourcePool(p.apiVersion(), p.kind(),
        p.metadata(), p.spec(), new ResourcePoolStatus(p.status().path(),
            p.status().children(), p.status().entitlement(), p.status().allocation(),
            p.status().demand(), p.status().slackEntitlement(), p.status().slackAllocation(),
            withDemand, p.status().observedGeneration())));
    // a spec change makes the controller write its own conditions again
    var spec = written.spec();
    h.pools.update(new ResourcePool(written.apiVersion(), written.kind(), written.metadata(),
        new ResourcePoolSpec(spec.parent(), List.of(new PoolResource(ResourceKind.CPU, 10.0,
            12.0, 1.0, null)), null, null, null, null, null, null), written.status()));
    await().atMost(WAIT).until(() -> {
      ResourcePool now = h.pools.get(null, "shared");
      Condition r = Conditions.find(now.status().conditions(), "Ready");
      return r != null && r.observedGeneration() != null && r.observedGeneration() == 2;
    });
    ResourcePool after = h.pools.get(null, "shared");
    assertNotNull(Conditions.find(after.status().conditions(), "DemandSatisfied"),
        after.status().conditions().toString());
    // and nobody rewrites the pool over and over
    String version = after.metadata().resourceVersion();
    await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() ->
        version.equals(h.pools.get(null, "shared").metadata().resourceVersion()));
  }

  @Test
  void aBusyPoolCannotBeDeletedUntilItsJobsAreGone() {
    h.pool("busy", "/", 10, 10);
    h.job("user", spec(JobType.BATCH, 1, null, config(null), "/busy"));
    await().atMost(WAIT).until(() -> h.pools.get(null, "busy").metadata().finalizers() != null
        && h.tasksOf("user").size() == 1);
    // the API server refuses at once, naming the user (no pool left deleting for ever)
    ApiError refused = assertThrows(ApiError.class, () -> h.pools.delete(null, "busy"));
    assertTrue(refused.getMessage().contains("in use by jobs default/user"), refused.getMessage());
    assertNull(h.pools.get(null, "busy").metadata().deletionTimestamp());
    h.jobs.delete(ControllerHarness.NS, "user");
    // while the job is being deleted, its pool may be deleted: the finalizer holds it until then
    await().atMost(WAIT).until(() -> {
      try {
        h.pools.delete(null, "busy");
        return true;
      } catch (ApiError e) {
        return false;
      }
    });
    await().atMost(WAIT).until(() -> {
      try {
        h.pools.get(null, "busy");
        return false;
      } catch (ApiError e) {
        return e.isNotFound();
      }
    });
  }
}
