package io.peloton.api.job;

/** Condition types a Job carries that other components rely on. */
public final class JobConditions {
  private JobConditions() {}

  /**
   * False (reason {@code NeverFits}) while some instance can never be placed as things are: its
   * pool's limits or the cluster's hosts cannot hold it (the scheduler says so on the Task's
   * {@code Scheduled} condition; the job controller lifts it here).
   */
  public static final String PLACEABLE = "Placeable";
}
