package io.peloton.scheduler.service;

/**
 * What became of one binding: {@code resourceVersion} is the Task's version after a successful bind;
 * {@code message} says why it did not happen otherwise.
 */
public record BindOutcome(String taskId, String host, Result result, String resourceVersion, String message) {
  /** BOUND: written. CONFLICT: the Task changed or was bound meanwhile; re-read next cycle. FAILED: anything else. */
  public enum Result { BOUND, CONFLICT, FAILED }
}
