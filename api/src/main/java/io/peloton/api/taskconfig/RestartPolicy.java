package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How often a failed batch task is retried (0 = never), as Peloton's {@code RestartPolicy}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestartPolicy(Integer maxFailures) {
  /** Peloton clamps retries to this many. */
  public static final int MAX_FAILURES_LIMIT = 100;
}
