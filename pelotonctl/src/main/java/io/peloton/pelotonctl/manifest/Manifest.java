package io.peloton.pelotonctl.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;

/**
 * One object read from a file, with where it came from.
 *
 * @param source the file name, or {@code <stdin>}
 * @param document 1-based position of the YAML document in the file
 */
public record Manifest(String source, int document, ResourceType type, ObjectNode object) {

  /** "FILE (document N)", for messages. */
  public String where() {
    return source + " (document " + document + ")";
  }

  public String name() {
    return object.path("metadata").path("name").asText("");
  }

  /** The namespace written in the manifest, or null. */
  public String namespace() {
    String ns = object.path("metadata").path("namespace").asText("");
    return ns.isEmpty() ? null : ns;
  }

  /**
   * The manifest as the user's intent only: what the server owns (status, uid, resourceVersion,
   * timestamps, generation) is left out, so the output of {@code get -o yaml} applies cleanly.
   */
  public ObjectNode intent(String defaultNamespace) {
    ObjectNode copy = object.deepCopy();
    copy.remove("status");
    if (copy.get("metadata") instanceof ObjectNode meta) {
      for (String f : new String[] {"uid", "resourceVersion", "generation", "creationTimestamp",
          "deletionTimestamp", "managedFields"}) {
        meta.remove(f);
      }
      if (type.namespaced() && !meta.hasNonNull("namespace") && defaultNamespace != null) {
        meta.put("namespace", defaultNamespace);
      }
    }
    return copy;
  }
}
