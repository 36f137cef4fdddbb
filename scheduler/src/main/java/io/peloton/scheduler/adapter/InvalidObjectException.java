package io.peloton.scheduler.adapter;

/** An API object the scheduler cannot use, with the field at fault and why. */
public final class InvalidObjectException extends IllegalArgumentException {
  private final String field;

  public InvalidObjectException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
