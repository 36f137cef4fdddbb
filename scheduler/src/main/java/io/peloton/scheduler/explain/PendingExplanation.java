package io.peloton.scheduler.explain;

/** Why a task is still pending, in words a person can act on, and which stage held it back. */
public record PendingExplanation(String taskId, Stage stage, String reason) {
  /** The scheduling stage that held a task back. */
  public enum Stage {
    /** The task itself is unusable (unknown pool, pool not a leaf). */
    INVALID,
    /** Its pool's entitlement, reservation or limits held it back. */
    ADMISSION,
    /** Admitted, but no host fits. */
    PLACEMENT
  }
}
