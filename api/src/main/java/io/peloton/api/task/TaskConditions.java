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
