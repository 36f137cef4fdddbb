package io.peloton.scheduler.model;

import java.util.List;

/**
 * A task waiting for a host. Tasks sharing a non-null {@code gang} are admitted and placed whole
 * (Peloton's minimumRunningInstances). {@code sequence} is the enqueue order (FIFO within a
 * priority). {@code desiredHost} is a preference, not a requirement.
 */
public record PendingTask(
    String id, String job, String pool, Resources resources, int ports, int priority, String gang, long sequence,
    boolean preemptible, boolean revocable, boolean controller, Constraint constraint, List<Label> labels,
    String desiredHost, PlacementStrategy strategy) {
  public PendingTask {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("task id must not be empty");
    }
    if (job == null || job.isEmpty()) {
      throw new IllegalArgumentException("task " + id + ": job must not be empty");
    }
    if (pool == null || pool.isEmpty()) {
      throw new IllegalArgumentException("task " + id + ": pool must not be empty");
    }
    if (resources == null) {
      throw new IllegalArgumentException("task " + id + ": resources must be set");
    }
    if (ports < 0) {
      throw new IllegalArgumentException("task " + id + ": ports must be >= 0, was " + ports);
    }
    labels = labels == null ? List.of() : List.copyOf(labels);
    if (strategy == null) {
      strategy = PlacementStrategy.PACK;
    }
  }

  /** A plain preemptible batch task with no constraint; handy for tests and benchmarks. */
  public static PendingTask simple(String id, String job, String pool, Resources resources, long sequence) {
    return new PendingTask(id, job, pool, resources, 0, 0, null, sequence, true, false, false, null, List.of(), null,
        PlacementStrategy.PACK);
  }

  public PendingTask withPriority(int newPriority) {
    return new PendingTask(id, job, pool, resources, ports, newPriority, gang, sequence, preemptible, revocable,
        controller, constraint, labels, desiredHost, strategy);
  }

  public PendingTask withGang(String newGang) {
    return new PendingTask(id, job, pool, resources, ports, priority, newGang, sequence, preemptible, revocable,
        controller, constraint, labels, desiredHost, strategy);
  }

  public PendingTask withFlags(boolean newPreemptible, boolean newRevocable, boolean newController) {
    return new PendingTask(id, job, pool, resources, ports, priority, gang, sequence, newPreemptible, newRevocable,
        newController, constraint, labels, desiredHost, strategy);
  }

  public PendingTask withConstraint(Constraint newConstraint, List<Label> newLabels) {
    return new PendingTask(id, job, pool, resources, ports, priority, gang, sequence, preemptible, revocable,
        controller, newConstraint, newLabels, desiredHost, strategy);
  }

  public PendingTask withPlacement(String newDesiredHost, PlacementStrategy newStrategy, int newPorts) {
    return new PendingTask(id, job, pool, resources, newPorts, priority, gang, sequence, preemptible, revocable,
        controller, constraint, labels, newDesiredHost, newStrategy);
  }

  /** The task as bound to a host (not yet running), as the adapter would record it. */
  public BoundTask boundTo(String host, long startedSequence) {
    return new BoundTask(id, job, pool, host, resources, ports, priority, preemptible, revocable, controller, labels,
        false, startedSequence);
  }
}
