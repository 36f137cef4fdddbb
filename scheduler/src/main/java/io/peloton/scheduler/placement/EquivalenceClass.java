package io.peloton.scheduler.placement;

import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PlacementStrategy;
import io.peloton.scheduler.model.Resources;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * Tasks that any host treats alike (same request, ports, revocability, constraint and, for SPREAD,
 * job). They share eligibility and a search cursor: within a cycle hosts only fill up, so a host found
 * unfit for one member stays unfit for the rest and is never examined again (the infeasibility memo).
 */
final class EquivalenceClass {
  /** What makes two tasks interchangeable for placement; the hash is cached (constraints are trees). */
  static final class Key {
    private final Resources resources;
    private final int ports;
    private final boolean revocable;
    private final Constraint constraint;
    private final String spreadJob;
    private final int hash;

    private Key(Resources resources, int ports, boolean revocable, Constraint constraint, String spreadJob) {
      this.resources = resources;
      this.ports = ports;
      this.revocable = revocable;
      this.constraint = constraint;
      this.spreadJob = spreadJob;
      this.hash = java.util.Objects.hash(resources, ports, revocable, constraint, spreadJob);
    }

    static Key of(PendingTask t) {
      return new Key(t.resources(), t.ports(), t.revocable(), t.constraint(),
          t.strategy() == PlacementStrategy.SPREAD ? t.job() : null);
    }

    Resources resources() {
      return resources;
    }

    int ports() {
      return ports;
    }

    boolean revocable() {
      return revocable;
    }

    Constraint constraint() {
      return constraint;
    }

    String spreadJob() {
      return spreadJob;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      return o instanceof Key k && hash == k.hash && ports == k.ports && revocable == k.revocable
          && resources.equals(k.resources) && java.util.Objects.equals(constraint, k.constraint)
          && java.util.Objects.equals(spreadJob, k.spreadJob);
    }
  }

  final Key key;
  final double[] need;
  final BitSet eligible;
  /** Few eligible hosts: walking the bit set beats descending the capacity tree. */
  final boolean sparse;
  final boolean hasTaskPart;
  /** Hosts already running a task of the job, for SPREAD; null for PACK. */
  final BitSet jobHosts;
  IntPredicate packFilter;
  IntPredicate spreadFilter;
  int cursor;
  int spreadCursor;
  boolean exhausted;
  boolean spreadExhausted;
  /** Cached explanation once the class is exhausted. */
  String failure;

  EquivalenceClass(Key key, BitSet eligible, int hostCount, BitSet jobHosts) {
    this.key = key;
    this.need = HostLedger.need(key.resources(), key.ports(), key.revocable());
    this.eligible = eligible;
    this.sparse = eligible.cardinality() * 32L < hostCount;
    this.hasTaskPart = ConstraintEvaluator.hasTaskPart(key.constraint());
    this.jobHosts = jobHosts;
  }

  /** Makes every host at or after {@code host} searchable again (after a gang rollback). */
  void rewindTo(int host) {
    cursor = Math.min(cursor, host);
    spreadCursor = Math.min(spreadCursor, host);
    exhausted = false;
    spreadExhausted = false;
    failure = null;
  }
}
