package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the metadata fields the service needs from raw request bodies. */
final class ObjectFields {
  private ObjectFields() {}

  static String name(JsonNode obj) {
    return obj.path("metadata").path("name").asText("");
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
