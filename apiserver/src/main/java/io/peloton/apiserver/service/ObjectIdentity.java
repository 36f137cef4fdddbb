package io.peloton.apiserver.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceType;
import io.peloton.apiserver.cache.ObjectCodec;
import java.nio.charset.StandardCharsets;

/**
 * Who an object is: what batched writes (bulk creates, bindings, status patches) answer per item
 * instead of the whole object, rendered straight to JSON bytes.
 */
record ObjectIdentity(String name, String namespace, String uid, long generation,
    String creationTimestamp) {

  /** The identity of an object tree's metadata. */
  static ObjectIdentity of(JsonNode object) {
    JsonNode m = object.path("metadata");
    return new ObjectIdentity(m.path("name").asText(), text(m, "namespace"), text(m, "uid"),
        m.path("generation").asLong(), text(m, "creationTimestamp"));
  }

  private static String text(JsonNode metadata, String field) {
    JsonNode v = metadata.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** apiVersion, kind and this metadata at {@code revision}. */
  byte[] json(ResourceType type, long revision) {
    return render(type, revision).append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The same followed by {@code status} (left out when null). */
  byte[] json(ResourceType type, long revision, JsonNode status) {
    StringBuilder out = render(type, revision);
    if (status != null && !status.isNull()) {
      out.append(",\"status\":")
          .append(new String(ObjectCodec.bytes(status), StandardCharsets.UTF_8));
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Everything up to the object's closing brace. */
  private StringBuilder render(ResourceType type, long revision) {
    StringBuilder out = new StringBuilder(200).append("{\"apiVersion\":");
    quoted(out, type.apiVersion()).append(",\"kind\":");
    quoted(out, type.kind()).append(",\"metadata\":{\"name\":");
    quoted(out, name);
    if (namespace != null) {
      quoted(out.append(",\"namespace\":"), namespace);
    }
    if (uid != null) {
      quoted(out.append(",\"uid\":"), uid);
    }
    out.append(",\"generation\":").append(generation);
    if (creationTimestamp != null) {
      quoted(out.append(",\"creationTimestamp\":"), creationTimestamp);
    }
    return out.append(",\"resourceVersion\":\"").append(revision).append("\"}");
  }

  private static StringBuilder quoted(StringBuilder out, String s) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, out);
    return out.append('"');
  }
}
