package io.peloton.api.job;

/** Condition types and reasons a Job carries that clients read (pelotonctl, dashboards). */
public final class JobConditions {
  private JobConditions() {}

  /** SERVICE-like jobs: True when every instance runs. */
  public static final String READY = "Ready";
  /** True while some instance waits out a restart backoff after failing. */
  public static final String THROTTLED = "Throttled";
  /**
   * False (reason {@code NeverFits}) while some instance can never be placed as things are: its
   * pool's limits or the cluster's hosts cannot hold it (the scheduler says so on the Task's
   * {@code Scheduled} condition; the job controller lifts it here).
   */
  public static final String PLACEABLE = "Placeable";
  /**
   * False while instances that want to run wait for a host; the reason and message are the
   * scheduler's for one of them (on its Task's {@code Scheduled} condition), e.g. its pool is
   * at its entitlement.
   */
  public static final String SCHEDULED = "Scheduled";
  /** Scheduled=True: no instance waits for a host. */
  public static final String NONE_WAITING = "NoneWaiting";

  /** Ready=True: every instance runs. */
  public static final String ALL_RUNNING = "AllRunning";
  /** Ready=False: some instances are not running (placing, launching, restarting). */
  public static final String INSTANCES_NOT_RUNNING = "InstancesNotRunning";
  /**
   * Ready=False, and the reason of the Job's Warning Event: instances keep failing and wait
   * out a restart backoff; the message names them and when the next restart is due.
   */
  public static final String CRASH_LOOP_BACK_OFF = "CrashLoopBackOff";
  /** Throttled=True: the reason on the Job and on each throttled Task. */
  public static final String RESTART_BACKOFF = "RestartBackoff";
}
