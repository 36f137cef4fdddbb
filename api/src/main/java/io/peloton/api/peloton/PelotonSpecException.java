package io.peloton.api.peloton;

/** A Peloton-native spec that cannot be converted; the message names the Peloton field. */
public final class PelotonSpecException extends IllegalArgumentException {
  private final String field;

  public PelotonSpecException(String field, String message) {
    super(field.isEmpty() ? message : field + ": " + message);
    this.field = field;
  }

  /** Path of the offending field in the Peloton YAML, e.g. {@code sla.priority}. */
  public String field() {
    return field;
  }
}
