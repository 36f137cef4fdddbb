package io.peloton.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One observed aspect of an object's state; lastTransitionTime moves only when status flips. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
    String type,
    String status,
    String reason,
    String message,
    String lastTransitionTime,
    Long observedGeneration) {

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";
}
