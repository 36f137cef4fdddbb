package io.peloton.apiserver.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.peloton.api.Frozen;
import io.peloton.api.codec.CanonicalTable;
import io.peloton.api.codec.Codecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what the cache needs from a stored value without building a tree: the metadata fields
 * selectors use, and the position where {@code resourceVersion} is spliced in. Every write passes
 * through here once, so it is kept to one streaming pass over the metadata.
 */
final class StoredJson {
  private StoredJson() {}

  /** Label keys and values and namespaces repeat across objects: cached objects share them. */
  private static final CanonicalTable<String> STRINGS = new CanonicalTable<>(1 << 12);

  /** What one pass over the metadata found. */
  record Metadata(String namespace, Map<String, String> labels, int insertAt) {}

  static String shared(String s) {
    return STRINGS.canonical(s);
  }

  /**
   * Scans the top-level {@code metadata} object.
   *
   * @return null when the value has no top-level metadata object (the caller falls back to a
   *     full parse)
   */
  static Metadata scan(byte[] json) {
    try (JsonParser p = Codecs.trustedJson().getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("metadata")) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_OBJECT) {
          return null;
        }
        int insertAt = (int) p.currentTokenLocation().getByteOffset() + 1;
        String namespace = null;
        Map<String, String> labels = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String m = p.currentName();
          JsonToken v = p.nextToken();
          switch (m) {
            case "namespace" -> namespace = shared(p.getValueAsString());
            case "resourceVersion" -> {
              return null; // not a stored value: let the slow path replace it
            }
            case "labels" -> {
              if (v == JsonToken.START_OBJECT) {
                Map<String, String> read = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                  String k = shared(p.currentName());
                  p.nextToken();
                  read.put(k, shared(p.getValueAsString()));
                }
                labels = Frozen.map(read);
              } else {
                p.skipChildren();
              }
            }
            default -> p.skipChildren();
          }
        }
        return new Metadata(namespace, labels, insertAt);
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stored JSON with {@code "resourceVersion":"N"} added as metadata's first field. */
  static byte[] withResourceVersion(byte[] json, int insertAt, long revision) {
    boolean emptyMetadata = json[insertAt] == '}';
    byte[] field = ("\"resourceVersion\":\"" + revision + "\"" + (emptyMetadata ? "" : ","))
        .getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[json.length + field.length];
    System.arraycopy(json, 0, out, 0, insertAt);
    System.arraycopy(field, 0, out, insertAt, field.length);
    System.arraycopy(json, insertAt, out, insertAt + field.length, json.length - insertAt);
    return out;
  }
}
