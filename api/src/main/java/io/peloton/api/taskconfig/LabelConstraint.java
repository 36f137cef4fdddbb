package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A condition on how often a label occurs on a host: among the host's attributes (HOST) or among
 * the tasks already placed there (TASK). Matches when {@code count <condition> requirement}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LabelConstraint(Kind kind, Condition condition, Label label, Integer requirement) {

  /** Whose labels are counted. */
  public enum Kind { TASK, HOST }

  /** How the count is compared with the requirement. */
  public enum Condition { LESS_THAN, EQUAL, GREATER_THAN }

  /** A key/value label as used in constraints. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Label(String key, String value) {}
}
