package io.peloton.controllers;

import java.time.Duration;

/**
 * How the controllers run.
 *
 * @param workers reconcile threads per controller
 * @param memberId this replica's id in the all-active group, or null to own every key
 * @param restartBackoffBase first restart delay of a SERVICE task (doubles per failure)
 * @param restartBackoffMax cap of that delay
 * @param resyncPeriod how often every object is reconciled again as a safety net
 * @param taskEventBatch how long the job controller gathers Task changes of one Job before it
 *     looks at the Job again (a pass reads every Task of the Job, so one pass per change would
 *     cost O(tasks²) for a big job; Kubernetes' job controller batches pod events the same way);
 *     changes to the Job itself are handled at once
 */
public record ControllerConfig(int workers, String memberId, Duration restartBackoffBase,
    Duration restartBackoffMax, Duration resyncPeriod, Duration taskEventBatch) {

  public ControllerConfig {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    if (restartBackoffBase.isNegative() || restartBackoffMax.compareTo(restartBackoffBase) < 0) {
      throw new IllegalArgumentException("restart backoff must satisfy 0 <= base <= max, got "
          + restartBackoffBase + ".." + restartBackoffMax);
    }
    if (taskEventBatch.isNegative()) {
      throw new IllegalArgumentException("taskEventBatch must not be negative, got "
          + taskEventBatch);
    }
  }

  /**
   * Peloton's numbers: 4 workers, restart backoff 30 s doubling up to 60 min, resync 5 min; Task
   * changes of a Job gathered for 1 s.
   */
  public static ControllerConfig defaults() {
    return new ControllerConfig(4, null, Duration.ofSeconds(30), Duration.ofMinutes(60),
        Duration.ofMinutes(5), Duration.ofSeconds(1));
  }

  public ControllerConfig withWorkers(int n) {
    return new ControllerConfig(n, memberId, restartBackoffBase, restartBackoffMax, resyncPeriod,
        taskEventBatch);
  }

  public ControllerConfig withMemberId(String id) {
    return new ControllerConfig(workers, id, restartBackoffBase, restartBackoffMax, resyncPeriod,
        taskEventBatch);
  }

  public ControllerConfig withRestartBackoff(Duration base, Duration max) {
    return new ControllerConfig(workers, memberId, base, max, resyncPeriod, taskEventBatch);
  }

  public ControllerConfig withResyncPeriod(Duration period) {
    return new ControllerConfig(workers, memberId, restartBackoffBase, restartBackoffMax, period,
        taskEventBatch);
  }

  public ControllerConfig withTaskEventBatch(Duration batch) {
    return new ControllerConfig(workers, memberId, restartBackoffBase, restartBackoffMax,
        resyncPeriod, batch);
  }
}
