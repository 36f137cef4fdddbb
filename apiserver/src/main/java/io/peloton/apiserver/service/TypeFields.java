package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.validation.FieldError;
import java.util.List;

/**
 * A body's {@code apiVersion} and {@code kind}: optional, but when given they must be strings
 * naming the endpoint's type (an array or a number is no version, not an absent one).
 */
final class TypeFields {
  private TypeFields() {}

  /** Checks both fields of {@code obj}, then sets them to the endpoint's. */
  static void stamp(ResourceType type, String urlName, ObjectNode obj) {
    check(type, urlName, obj, "apiVersion", type.apiVersion());
    check(type, urlName, obj, "kind", type.kind());
    obj.put("apiVersion", type.apiVersion());
    obj.put("kind", type.kind());
  }

  private static void check(ResourceType type, String urlName, ObjectNode obj, String field,
      String expected) {
    JsonNode value = obj.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
      return;
    }
    if (!value.isTextual()) {
      String name = urlName != null ? urlName : obj.path("metadata").path("name").asText("");
      throw ApiException.invalid(type, name, List.of(new FieldError(field,
          FieldError.TYPE_INVALID, "Invalid value: " + value + ": must be a string")));
    }
    if (!value.asText().equals(expected)) {
      throw ApiException.badField(field, "'" + value.asText() + "' does not match '" + expected
          + "' of this endpoint");
    }
  }
}
