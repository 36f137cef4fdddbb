package io.peloton.api.validation;

import io.peloton.api.codec.Codecs;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** Collects field errors worded the Kubernetes way ("Invalid value: -1: must be ..."). */
public final class FieldErrors {
  private final List<FieldError> errors = new ArrayList<>();

  public List<FieldError> list() {
    return errors;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public void add(FieldError error) {
    errors.add(error);
  }

  public void required(String field) {
    errors.add(FieldError.required(field));
  }

  public void required(String field, String detail) {
    errors.add(new FieldError(field, FieldError.REQUIRED, "is required: " + detail));
  }

  /** The value is wrong; {@code rule} says what is allowed, e.g. "must be greater than 0". */
  public void invalid(String field, Object value, String rule) {
    errors.add(FieldError.invalid(field, "Invalid value: " + render(value) + ": " + rule));
  }

  /** The field must not be set here; {@code why} says why. */
  public void forbidden(String field, String why) {
    errors.add(FieldError.invalid(field, "Forbidden: " + why));
  }

  public void duplicate(String field, Object value) {
    errors.add(FieldError.invalid(field, "Duplicate value: " + render(value)));
  }

  public void notSupported(String field, Object value, Collection<String> supported) {
    errors.add(new FieldError(field, FieldError.NOT_SUPPORTED,
        "Unsupported value: " + render(value) + ": supported values: "
            + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "))));
  }

  public void wrongType(String field, Object value, String expected) {
    errors.add(new FieldError(field, FieldError.TYPE_INVALID,
        "Invalid value: " + render(value) + ": must be " + expected));
  }

  /** Checks {@code value > 0} when present. */
  public void positive(String field, Number value) {
    if (value != null && value.doubleValue() <= 0) {
      invalid(field, value, "must be greater than 0");
    }
  }

  /** Checks {@code value >= 0} when present. */
  public void nonNegative(String field, Number value) {
    if (value != null && value.doubleValue() < 0) {
      invalid(field, value, "must be greater than or equal to 0");
    }
  }

  /** Checks {@code min <= value <= max} when present. */
  public void inRange(String field, Number value, long min, long max) {
    if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
      invalid(field, value, "must be between " + min + " and " + max + ", inclusive");
    }
  }

  // the same checks for field {@code parent.name}, its path built only when the check fails:
  // admission checks every field of every object, and building each path was a tenth of it

  /** Checks {@code value > 0} when present. */
  public void positive(String parent, String name, Number value) {
    if (value != null && value.doubleValue() <= 0) {
      positive(StructuralCheck.child(parent, name), value);
    }
  }

  /** Checks {@code value >= 0} when present. */
  public void nonNegative(String parent, String name, Number value) {
    if (value != null && value.doubleValue() < 0) {
      nonNegative(StructuralCheck.child(parent, name), value);
    }
  }

  /** Checks {@code min <= value <= max} when present. */
  public void inRange(String parent, String name, Number value, long min, long max) {
    if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
      inRange(StructuralCheck.child(parent, name), value, min, max);
    }
  }

  /** Checks a format: {@code problem} is null when the value is fine. */
  public void format(String field, String value, String problem) {
    if (value != null && problem != null) {
      invalid(field, value, problem);
    }
  }

  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    try {
      String json = Codecs.json().writeValueAsString(value);
      return json.length() > 100 ? json.substring(0, 97) + "..." : json;
    } catch (Exception e) {
      return String.valueOf(value);
    }
  }
}
