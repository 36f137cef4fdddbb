package io.peloton.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceType;
import java.util.List;

/**
 * Strictly decodes, defaults and validates objects of any kind; the API server's single entry
 * point into the object model.
 */
public final class ObjectAdmission {
  private ObjectAdmission() {}

  /**
   * Reads {@code input} as an object of {@code type}: unknown fields (at any depth) and values of
   * the wrong JSON type are errors, then defaults are applied and the kind's rules checked. All
   * problems are returned at once.
   */
  public static Admitted admit(ResourceType type, JsonNode input) {
    // PLACEHOLDER until the object model lands: accept as-is.
    return new Admitted((com.fasterxml.jackson.databind.node.ObjectNode) input.deepCopy(), List.of());
  }
}
