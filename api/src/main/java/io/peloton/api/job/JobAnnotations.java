package io.peloton.api.job;

/** Job annotations that users and the CLI write and the job controller acts on. */
public final class JobAnnotations {
  private JobAnnotations() {}

  /** Asks for every instance to stop ({@code KILLED}); removing it runs them again. */
  public static final String GOAL_STATE = "peloton.io/goal-state";
  /** Each new value restarts every running instance once (a restart request). */
  public static final String RESTART = "peloton.io/restart";
}
