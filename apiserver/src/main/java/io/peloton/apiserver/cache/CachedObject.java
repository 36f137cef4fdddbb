package io.peloton.apiserver.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.codec.Codecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One object as the cache keeps it: its JSON exactly as served (resourceVersion included) plus
 * the fields selectors need, so serving a list or an event is a byte copy.
 */
public record CachedObject(
    ResourceType type,
    String key,
    String namespace,
    String name,
    Map<String, String> labels,
    byte[] json,
    long revision) {

  /** Decodes a stored value and stamps it with the revision it was read or written at. */
  public static CachedObject decode(ResourceType type, String key, byte[] stored, long revision) {
    StoredJson.Metadata meta = StoredJson.scan(stored);
    if (meta != null && meta.insertAt() > 0 && meta.insertAt() < stored.length) {
      return new CachedObject(type, key, meta.namespace(), meta.name(), meta.labels(),
          StoredJson.withResourceVersion(stored, meta.insertAt(), revision), revision);
    }
    ObjectNode tree = ObjectCodec.parse(stored);
    ObjectCodec.setResourceVersion(tree, revision);
    return of(type, key, tree, revision);
  }

  /** Wraps an object that already carries its resourceVersion. */
  public static CachedObject of(ResourceType type, String key, ObjectNode tree, long revision) {
    JsonNode meta = tree.path("metadata");
    Map<String, String> labels = meta.has("labels")
        ? Codecs.json().convertValue(meta.get("labels"), ObjectCodec.STRING_MAP)
        : Map.of();
    return new CachedObject(type, key, meta.path("namespace").asText(null),
        meta.path("name").asText(null), labels, ObjectCodec.bytes(tree), revision);
  }

  /** A fresh, mutable parse of the JSON. */
  public ObjectNode tree() {
    try {
      return (ObjectNode) Codecs.trustedJson().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
