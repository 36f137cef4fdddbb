package io.peloton.scheduler.entitlement;

import static io.peloton.scheduler.Fixtures.cpuPool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.scheduler.model.PoolResource;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ReservationType;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntitlementCalculatorTest {
  private static final double DELTA = 1e-3;
  private final EntitlementCalculator calculator = new EntitlementCalculator();

  private static PoolUsage[] usage(PoolTree tree, Map<String, double[]> allocatedAndDemandCpu) {
    PoolUsage[] u = new PoolUsage[tree.size()];
    allocatedAndDemandCpu.forEach((path, ad) -> {
      PoolUsage pu = new PoolUsage();
      pu.nonSlackAllocated[0] = ad[0];
      pu.demand[0] = ad[1];
      u[tree.indexOf(path)] = pu;
    });
    return u;
  }

  private static List<PoolSpec> threePools() {
    return List.of(cpuPool("/RP1", 20, 100, 1), cpuPool("/RP2", 20, 100, 1), cpuPool("/RP3", 20, 100, 1));
  }

  @Test
  void reproducesPelotonWorkedExample() {
    PoolTree tree = PoolTree.of(threePools());
    PoolUsage[] u = usage(tree, Map.of("/RP1", new double[] {0, 10}, "/RP2", new double[] {0, 80},
        "/RP3", new double[] {0, 80}));
    Entitlements e = calculator.calculate(tree, u, Resources.cpu(100), 0);
    assertEquals(10, e.of("/RP1").entitlement().cpu(), DELTA);
    assertEquals(45, e.of("/RP2").entitlement().cpu(), DELTA);
    assertEquals(45, e.of("/RP3").entitlement().cpu(), DELTA);
  }

  @Test
  void whenFirstPoolsDemandRisesTheOthersAreCut() {
    PoolTree tree = PoolTree.of(threePools());
    // RP2 and RP3 already run 45 each and still want more; RP1 now wants 50
    PoolUsage[] u = usage(tree, Map.of("/RP1", new double[] {10, 40}, "/RP2", new double[] {45, 35},
        "/RP3", new double[] {45, 35}));
    Entitlements e = calculator.calculate(tree, u, Resources.cpu(100), 0);
    assertEquals(100.0 / 3, e.of("/RP1").entitlement().cpu(), DELTA);
    assertEquals(100.0 / 3, e.of("/RP2").entitlement().cpu(), DELTA);
    assertEquals(100.0 / 3, e.of("/RP3").entitlement().cpu(), DELTA);
    assertTrue(45 - e.of("/RP2").entitlement().cpu() > 11, "RP2 must be cut by about 11.5");
  }

  @Test
  void staticReservationIsKeptWithoutDemandAndNotLentOut() {
    Map<ResourceKind, PoolResource> stat = new EnumMap<>(ResourceKind.class);
    stat.put(ResourceKind.CPU, new PoolResource(30, 100, 1, ReservationType.STATIC));
    PoolTree tree = PoolTree.of(List.of(PoolSpec.of("/static", stat), cpuPool("/busy", 0, 100, 1)));
    PoolUsage[] u = usage(tree, Map.of("/busy", new double[] {0, 100}));
    Entitlements e = calculator.calculate(tree, u, Resources.cpu(100), 0);
    assertEquals(30, e.of("/static").entitlement().cpu(), DELTA);
    assertEquals(70, e.of("/busy").entitlement().cpu(), DELTA);
  }

  @Test
  void elasticReservationWithoutDemandIsLentOut() {
    PoolTree tree = PoolTree.of(List.of(cpuPool("/idle", 30, 100, 1), cpuPool("/busy", 0, 100, 1)));
    PoolUsage[] u = usage(tree, Map.of("/busy", new double[] {0, 100}));
    Entitlements e = calculator.calculate(tree, u, Resources.cpu(100), 0);
    assertEquals(100, e.of("/busy").entitlement().cpu(), DELTA);
    assertEquals(0, e.of("/idle").entitlement().cpu(), DELTA);
  }

  @Test
  void limitsCapEntitlementEvenWithSpareCapacity() {
    PoolTree tree = PoolTree.of(List.of(cpuPool("/capped", 0, 25, 1), cpuPool("/other", 0, 40, 1)));
    PoolUsage[] u = usage(tree, Map.of("/capped", new double[] {0, 80}, "/other", new double[] {0, 10}));
    Entitlements e = calculator.calculate(tree, u, Resources.cpu(100), 0);
    assertEquals(25, e.of("/capped").entitlement().cpu(), DELTA);
    // /other wanted 10, then gets half the unclaimed 65, capped at its limit of 40
    assertEquals(40, e.of("/other").entitlement().cpu(), DELTA);
  }

  @Test
  void unclaimedResourcesAreSpreadBySharesUpToLimits() {
    PoolTree tree = PoolTree.of(List.of(cpuPool("/a", 0, 100, 3), cpuPool("/b", 0, 100, 1)));
    Entitlements e = calculator.calculate(tree, new PoolUsage[tree.size()], Resources.cpu(100), 0);
    assertEquals(75, e.of("/a").entitlement().cpu(), DELTA);
    assertEquals(25, e.of("/b").entitlement().cpu(), DELTA);
  }

  @Test
  void sharesWeightTheWaterFilling() {
    PoolTree tree = PoolTree.of(List.of(cpuPool("/heavy", 0, 100, 3), cpuPool("/light", 0, 100, 1)));
    PoolUsage[] u = usage(tree, Map.of("/heavy", new double[] {0, 100}, "/light", new double[] {0, 100}));
    Entitlements e = calculator.calculate(tree, u, Resources.cpu(100), 0);
    assertEquals(75, e.of("/heavy").entitlement().cpu(), DELTA);
    assertEquals(25, e.of("/light").entitlement().cpu(), DELTA);
  }

  @Test
  void hierarchyDividesEachParentsEntitlementAmongItsChildren() {
    List<PoolSpec> pools = new ArrayList<>();
    pools.add(cpuPool("/org1", 50, 100, 1));
    pools.add(cpuPool("/org2", 0, 100, 1));
    pools.add(cpuPool("/org1/x", 10, 100, 1));
    pools.add(cpuPool("/org1/y", 10, 100, 1));
    pools.add(cpuPool("/org2/z", 0, 100, 1));
    PoolTree tree = PoolTree.of(pools);
    PoolUsage[] u = usage(tree, Map.of("/org1/x", new double[] {0, 60}, "/org1/y", new double[] {0, 5},
        "/org2/z", new double[] {0, 100}));
    Entitlements e = calculator.calculate(tree, u, Resources.cpu(100), 0);
    // org1 wants 65: reservation 50 + half of the remaining 50 = 75 capped at demand 65
    assertEquals(65, e.of("/org1").entitlement().cpu(), DELTA);
    assertEquals(35, e.of("/org2").entitlement().cpu(), DELTA);
    assertEquals(60, e.of("/org1/x").entitlement().cpu(), DELTA);
    assertEquals(5, e.of("/org1/y").entitlement().cpu(), DELTA);
    assertEquals(35, e.of("/org2/z").entitlement().cpu(), DELTA);
  }

  @Test
  void slackCpusGoToPoolsWithRevocableDemandAndSlackMemoryIsCappedBySlackLimit() {
    Map<ResourceKind, PoolResource> r = new EnumMap<>(ResourceKind.class);
    r.put(ResourceKind.CPU, PoolResource.elastic(10, 100, 1));
    r.put(ResourceKind.MEMORY, PoolResource.elastic(1000, 10_000, 1));
    PoolTree tree = PoolTree.of(List.of(new PoolSpec("/rev", r, null, 20), new PoolSpec("/plain", r, null, 20)));
    PoolUsage[] u = new PoolUsage[tree.size()];
    PoolUsage rev = new PoolUsage();
    rev.slackDemand[0] = 30; // revocable cpus wanted
    rev.slackDemand[2] = 500; // revocable memory wanted, but slack limit is 20% of 1000
    u[tree.indexOf("/rev")] = rev;
    Entitlements e = calculator.calculate(tree, u, Resources.of(100, 10_000, 0, 0), 40);
    assertEquals(200, e.of("/rev").slackEntitlement().memMb(), DELTA);
    assertEquals(0, e.of("/plain").slackEntitlement().memMb(), DELTA);
    // 30 slack cpus meet /rev's demand; the leftover 10 are shared by cpu share (phase 3)
    assertEquals(35, e.of("/rev").slackEntitlement().cpu(), DELTA);
    assertEquals(5, e.of("/plain").slackEntitlement().cpu(), DELTA);
    assertEquals(e.of("/rev").entitlement().memMb() - 200, e.of("/rev").nonSlackEntitlement().memMb(), DELTA);
  }

  @Test
  void thousandPoolTreeConservesCapacity() {
    List<PoolSpec> pools = new ArrayList<>();
    for (int a = 0; a < 10; a++) {
      pools.add(cpuPool("/p" + a, 100, 10_000, 1));
      for (int b = 0; b < 10; b++) {
        pools.add(cpuPool("/p" + a + "/q" + b, 10, 10_000, 1 + b));
        for (int c = 0; c < 9; c++) {
          pools.add(cpuPool("/p" + a + "/q" + b + "/r" + c, 1, 10_000, 1));
        }
      }
    }
    PoolTree tree = PoolTree.of(pools);
    PoolUsage[] u = new PoolUsage[tree.size()];
    for (int i = 0; i < tree.size(); i++) {
      if (tree.isLeaf(i)) {
        u[i] = new PoolUsage();
        u[i].demand[0] = (i % 7) * 0.5;
      }
    }
    Entitlements e = calculator.calculate(tree, u, Resources.cpu(5000), 0);
    for (int i = 0; i < tree.size(); i++) {
      int[] kids = tree.children(i);
      if (kids.length == 0) {
        continue;
      }
      double sum = 0;
      for (int k : kids) {
        sum += e.of(k).entitlement().cpu();
      }
      assertTrue(sum <= e.of(i).entitlement().cpu() + 1e-3, "children of " + tree.path(i) + " exceed it");
    }
    for (int i = 0; i < tree.size(); i++) {
      if (tree.isLeaf(i)) {
        assertTrue(e.of(i).entitlement().cpu() >= u[i].demand[0] - DELTA, tree.path(i) + " below its demand");
      }
    }
  }

  @Test
  void missingParentIsRejectedNamingThePool() {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> PoolTree.of(List.of(cpuPool("/a/b", 0, 1, 1))));
    assertEquals("pools[/a/b].parent: pool /a does not exist", ex.getMessage());
  }
}
