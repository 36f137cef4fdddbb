package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;

/** Builds Kubernetes {@code Status} objects. */
public final class Statuses {
  private Statuses() {}

  public static ObjectNode failure(int code, String reason, String message, ObjectNode details) {
    ObjectNode s = Codecs.json().createObjectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure").put("message", message).put("reason", reason);
    if (details != null) {
      s.set("details", details);
    }
    s.put("code", code);
    return s;
  }

  public static ObjectNode success(String message) {
    ObjectNode s = Codecs.json().createObjectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Success").put("message", message).put("code", 200);
    return s;
  }
}
