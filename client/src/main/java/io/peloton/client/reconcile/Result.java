package io.peloton.client.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * What a reconcile asks for next: nothing ({@link #done}), a plain check-again after a delay
 * that does not grow the backoff ({@link #requeueAfter}), or a retry with per-key exponential
 * backoff ({@link #error}).
 *
 * @param requeueAfter the delay for a requeue, else null
 * @param error the failure for a retry, else null
 */
public record Result(Duration requeueAfter, Throwable error) {
  private static final Result DONE = new Result(null, null);

  public Result {
    if (requeueAfter != null && error != null) {
      throw new IllegalArgumentException("a result is a requeue or an error, not both");
    }
    if (requeueAfter != null && requeueAfter.isNegative()) {
      throw new IllegalArgumentException("requeueAfter must not be negative, got "
          + requeueAfter);
    }
  }

  public static Result done() {
    return DONE;
  }

  public static Result requeueAfter(Duration delay) {
    return new Result(Objects.requireNonNull(delay, "delay"), null);
  }

  public static Result error(Throwable cause) {
    return new Result(null, Objects.requireNonNull(cause, "cause"));
  }

  public boolean isDone() {
    return requeueAfter == null && error == null;
  }
}
