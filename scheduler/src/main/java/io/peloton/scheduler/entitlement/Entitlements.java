package io.peloton.scheduler.entitlement;

/** The result of one entitlement pass: a {@link PoolEntitlement} per node of a {@link PoolTree}. */
public record Entitlements(PoolTree tree, PoolEntitlement[] byNode) {
  public PoolEntitlement of(int node) {
    return byNode[node];
  }

  /** The entitlement of the pool at {@code path}; throws naming the path when there is none. */
  public PoolEntitlement of(String path) {
    int i = tree.indexOf(path);
    if (i < 0) {
      throw new IllegalArgumentException("pool " + path + " does not exist");
    }
    return byNode[i];
  }
}
