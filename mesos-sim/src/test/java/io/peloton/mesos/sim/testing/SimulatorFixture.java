package io.peloton.mesos.sim.testing;

import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.cluster.AgentSpec;
import io.peloton.mesos.sim.cluster.ClusterSpec;
import java.time.Duration;
import java.util.List;

/** Simulator configurations used by the tests: fast allocation cycles, Mesos's other timings. */
public final class SimulatorFixture {
  private SimulatorFixture() {}

  /** Three agents Machine1..3 at ips 0.0.0.1..3 (as in the Mesos maintenance tests). */
  public static ClusterSpec machines(int n) {
    List<AgentSpec> list = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) {
      list.add(AgentSpec.of("Machine" + i, "0.0.0." + i, 4, 4096, 10_000));
    }
    return new ClusterSpec(list);
  }

  public static SimulatorConfig config(int agents) {
    return SimulatorConfig.defaults().withPort(0).withCluster(machines(agents))
        .withAllocationInterval(Duration.ofMillis(100));
  }

  public static MesosSimulator start(int agents) {
    return MesosSimulator.start(config(agents));
  }
}
