package io.peloton.api.task;

/** Well-known Task labels other components act on. */
public final class TaskLabels {
  private TaskLabels() {}

  /**
   * The host a DAEMON job's Task belongs to (set by the job controller). The Task runs there and
   * nowhere else: the scheduler binds it to no other host, even after its binding is cleared.
   */
  public static final String DAEMON_HOST = "peloton.io/daemon-host";
}
