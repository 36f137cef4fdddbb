package io.peloton.apiserver.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * How objects are kept in the store: JSON without {@code metadata.resourceVersion}, which is
 * the store revision and is stamped on when read.
 */
public final class ObjectCodec {
  static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private ObjectCodec() {}

  public static ObjectNode parse(byte[] json) {
    try {
      JsonNode n = Codecs.trustedJson().readTree(json);
      if (!(n instanceof ObjectNode o)) {
        throw new IllegalStateException("stored value is not a JSON object");
      }
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(Object treeOrRecord) {
    try {
      return Codecs.json().writeValueAsBytes(treeOrRecord);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value to store: the object without its resourceVersion. */
  public static byte[] storedBytes(ObjectNode tree) {
    ObjectNode meta = (ObjectNode) tree.get("metadata");
    JsonNode rv = meta.remove("resourceVersion");
    try {
      return bytes(tree);
    } finally {
      if (rv != null) {
        meta.set("resourceVersion", rv);
      }
    }
  }

  public static void setResourceVersion(ObjectNode tree, long revision) {
    JsonNode meta = tree.get("metadata");
    if (meta instanceof ObjectNode m) {
      m.put("resourceVersion", Long.toString(revision));
    } else {
      tree.putObject("metadata").put("resourceVersion", Long.toString(revision));
    }
  }
}
