package io.peloton.scheduler.explain;

/** Why a task is still pending, in words a person can act on, and which stage held it back. */
public record PendingExplanation(String taskId, Stage stage, String reason) {
  /** The scheduling stage that held a task back. */
  public enum Stage {
    /** The task itself is unusable (unknown pool, pool not a leaf). */
    INVALID,
    /** It can never be placed as things are: beyond its pool's limits, or no host could hold it. */
    NEVER_FITS,
    /** Its pool's entitlement, reservation or limits held it back. */
    ADMISSION,
    /** Admitted, but no host fits. */
    PLACEMENT
  }
}
