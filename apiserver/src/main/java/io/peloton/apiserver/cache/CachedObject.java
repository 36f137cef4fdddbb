package io.peloton.apiserver.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.Frozen;
import io.peloton.api.ResourceType;
import io.peloton.api.codec.Codecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One object as the cache keeps it: its JSON exactly as served (resourceVersion included) plus
 * the fields selectors need, so serving a list or an event is a byte copy. Objects the cache
 * holds for long keep their JSON packed ({@link #packed}).
 */
public record CachedObject(
    ResourceType type,
    String key,
    String namespace,
    Map<String, String> labels,
    ObjectBytes body,
    long revision) {

  /** Decodes a stored value and stamps it with the revision it was read or written at. */
  public static CachedObject decode(ResourceType type, String key, byte[] stored, long revision) {
    StoredJson.Metadata meta = StoredJson.scan(stored);
    if (meta != null && meta.insertAt() > 0 && meta.insertAt() < stored.length) {
      return new CachedObject(type, key, meta.namespace(), meta.labels(), new ObjectBytes.Plain(
          StoredJson.withResourceVersion(stored, meta.insertAt(), revision)), revision);
    }
    ObjectNode tree = ObjectCodec.parse(stored);
    ObjectCodec.setResourceVersion(tree, revision);
    return of(type, key, tree, revision);
  }

  /** Wraps an object that already carries its resourceVersion. */
  public static CachedObject of(ResourceType type, String key, ObjectNode tree, long revision) {
    JsonNode meta = tree.path("metadata");
    Map<String, String> labels = meta.has("labels")
        ? Frozen.map(Codecs.json().convertValue(meta.get("labels"), ObjectCodec.STRING_MAP))
        : Map.of();
    return new CachedObject(type, key, StoredJson.shared(meta.path("namespace").asText(null)),
        labels, new ObjectBytes.Plain(ObjectCodec.bytes(tree)), revision);
  }

  /** The object's name: the last segment of its key (names cannot contain '/'). */
  public String name() {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /** The JSON as served; a fresh array when packed, so callers must not modify it. */
  public byte[] json() {
    return body.json();
  }

  /** The same object with its JSON packed, for keeping. */
  public CachedObject packed(JsonPacker packer) {
    return body instanceof ObjectBytes.Plain plain
        ? new CachedObject(type, key, namespace, labels, packer.pack(plain.json()), revision)
        : this;
  }

  /** A fresh, mutable parse of the JSON. */
  public ObjectNode tree() {
    try {
      return (ObjectNode) Codecs.trustedJson().readTree(json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
