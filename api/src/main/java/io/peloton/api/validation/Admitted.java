package io.peloton.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of admitting an object: its normalised, defaulted JSON, or every problem found.
 *
 * @param object the object after defaulting, re-encoded from its record (null when errors)
 * @param errors every problem, each with its field path; empty when admitted
 */
public record Admitted(ObjectNode object, List<FieldError> errors) {
  public boolean ok() {
    return errors.isEmpty();
  }
}
