package io.peloton.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a watch stream.
 *
 * @param type ADDED, MODIFIED, DELETED, BOOKMARK or ERROR
 * @param object the object (for BOOKMARK only its metadata.resourceVersion; for ERROR a Status)
 */
public record WatchEvent(String type, ObjectNode object) {
  public String resourceVersion() {
    return object.path("metadata").path("resourceVersion").asText("");
  }
}
