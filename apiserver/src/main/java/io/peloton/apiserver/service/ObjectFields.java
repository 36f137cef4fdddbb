package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the metadata fields the service needs from raw request bodies. */
final class ObjectFields {
  private ObjectFields() {}

  static String name(JsonNode obj) {
    return obj.path("metadata").path("name").asText("");
  }

  /**
   * The uid a body names as a precondition, or null when it names none; a uid that is not a
   * string is a 400 naming the field.
   */
  static String uid(JsonNode body) {
    JsonNode uid = body.path("metadata").path("uid");
    if (uid.isMissingNode() || uid.isNull() || (uid.isTextual() && uid.asText().isEmpty())) {
      return null;
    }
    if (!uid.isTextual()) {
      throw ApiException.badField("metadata.uid", "must be a string, got " + uid);
    }
    return uid.asText();
  }

  /** The resourceVersion a body carries as a precondition, or 0 when it has none. */
  static long resourceVersion(JsonNode body) {
    JsonNode rv = body.path("metadata").path("resourceVersion");
    if (rv.isMissingNode() || rv.isNull() || rv.asText().isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(rv.asText());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "metadata.resourceVersion must be a value returned by the server, got '" + rv.asText()
              + "'");
    }
  }
}
