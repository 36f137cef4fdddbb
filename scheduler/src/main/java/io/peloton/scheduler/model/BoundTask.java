package io.peloton.scheduler.model;

import java.util.List;

/**
 * A task holding resources on a host: bound but not yet running ({@code running=false}) or running.
 * {@code startedSequence} orders tasks by start time (larger = newer) for preemption ranking.
 */
public record BoundTask(
    String id, String job, String pool, String host, Resources resources, int ports, int priority,
    boolean preemptible, boolean revocable, boolean controller, List<Label> labels, boolean running,
    long startedSequence) {
  public BoundTask {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("bound task id must not be empty");
    }
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("bound task " + id + ": host must not be empty");
    }
    if (resources == null) {
      throw new IllegalArgumentException("bound task " + id + ": resources must be set");
    }
    labels = labels == null ? List.of() : List.copyOf(labels);
  }

  public BoundTask asRunning() {
    return new BoundTask(id, job, pool, host, resources, ports, priority, preemptible, revocable, controller, labels,
        true, startedSequence);
  }
}
