package io.peloton.scheduler.model;

import java.util.List;

/** Everything one scheduling cycle looks at; immutable, so a cycle is a pure function of it. */
public record ClusterSnapshot(List<Host> hosts, List<PoolSpec> pools, List<PendingTask> pending, List<BoundTask> bound) {
  public ClusterSnapshot {
    hosts = List.copyOf(hosts);
    pools = List.copyOf(pools);
    pending = List.copyOf(pending);
    bound = List.copyOf(bound);
  }
}
