package io.peloton.api.validation;

/**
 * One problem with one field, as a Kubernetes {@code Status} cause.
 *
 * @param field dotted path from the object root, e.g. {@code spec.defaultConfig.resource.cpuLimit}
 * @param reason a cause type: FieldValueInvalid, FieldValueRequired, FieldValueNotSupported,
 *     FieldValueUnknown (unknown field), FieldValueTypeInvalid
 * @param message what is wrong and what is allowed, e.g. "must be greater than 0"
 */
public record FieldError(String field, String reason, String message) {
  public static final String INVALID = "FieldValueInvalid";
  public static final String REQUIRED = "FieldValueRequired";
  public static final String NOT_SUPPORTED = "FieldValueNotSupported";
  public static final String UNKNOWN = "FieldValueUnknown";
  public static final String TYPE_INVALID = "FieldValueTypeInvalid";

  public static FieldError invalid(String field, String message) {
    return new FieldError(field, INVALID, message);
  }

  public static FieldError required(String field) {
    return new FieldError(field, REQUIRED, "is required");
  }

  public static FieldError unknown(String field) {
    return new FieldError(field, UNKNOWN, "unknown field");
  }

  /** "field: message", the form the CLI prints. */
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
