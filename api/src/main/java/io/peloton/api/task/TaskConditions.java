package io.peloton.api.task;

import io.peloton.api.meta.Condition;
import io.peloton.api.time.Rfc3339;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The condition types a Task carries, and the one a binding sets. */
public final class TaskConditions {
  private TaskConditions() {}

  /** True once the Task is bound to a host; False with the reason it is still pending. */
  public static final String SCHEDULED = "Scheduled";

  /**
   * Reason of {@code Scheduled=False} for a task that can never be placed as things are: it asks
   * for more than its pool's limits allow, or no host (even idle) could hold it. The job
   * controller lifts it onto the Job ({@code JobConditions.PLACEABLE}).
   */
  public static final String NEVER_FITS = "NeverFits";

  /** How the message of a {@link #NEVER_FITS} condition starts. */
  public static final String NEVER_FITS_MESSAGE = "can never be placed: ";

  /** The {@code Scheduled} condition a binding to {@code host} sets, as of {@code now}. */
  public static Condition boundTo(String host, Instant now) {
    return new Condition(SCHEDULED, Condition.TRUE, SCHEDULED, boundMessage(host),
        Rfc3339.format(now.truncatedTo(ChronoUnit.MICROS)), null);
  }

  /** What a Task bound to {@code host} says (its condition's message, the Event's). */
  public static String boundMessage(String host) {
    return "bound to host " + host;
  }
}
