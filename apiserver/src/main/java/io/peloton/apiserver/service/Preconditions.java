package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.apiserver.cache.CachedObject;

/**
 * What a write may require of the stored object, as in Kubernetes: its resourceVersion (the
 * version the client saw) and its uid (the very object the client saw, not one of the same name
 * created since). A requirement that does not hold is a 409 Conflict.
 */
final class Preconditions {
  private Preconditions() {}

  /** {@code expected} 0 requires nothing. */
  static void resourceVersion(ResourceType type, String name, long expected,
      CachedObject current) {
    if (expected != 0 && expected != current.revision()) {
      throw ApiException.conflict(type, name);
    }
  }

  /** A DELETE's {@code preconditions.resourceVersion}; {@code expected} 0 requires nothing. */
  static void deleteResourceVersion(ResourceType type, String name, long expected,
      CachedObject current) {
    if (expected != 0 && expected != current.revision()) {
      throw ApiException.preconditionFailed(type, name, "preconditions.resourceVersion",
          "ResourceVersion in precondition: " + expected + ", ResourceVersion in object meta: "
              + current.revision());
    }
  }

  /**
   * A uid named in a request ({@code field}); a uid never changes, so a different one in a PUT
   * or PATCH is no edit but a request meant for another object. Null requires nothing.
   */
  static void uid(ResourceType type, String name, String field, String expected,
      ObjectNode current) {
    String actual = current.path("metadata").path("uid").asText("");
    if (expected != null && !expected.equals(actual)) {
      throw ApiException.preconditionFailed(type, name, field, "UID in precondition: "
          + expected + ", UID in object meta: " + actual);
    }
  }
}
