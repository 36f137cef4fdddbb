package io.peloton.apiserver.cache;

import io.peloton.api.Frozen;
import io.peloton.api.codec.CanonicalTable;
import io.peloton.api.codec.JsonCursor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what the cache needs from a stored value without tokenising it: the metadata fields
 * selectors use, and the position where {@code resourceVersion} is spliced in. Every write passes
 * through here once, so it is kept to one streaming pass over the metadata.
 */
final class StoredJson {
  private StoredJson() {}

  /** Label keys and values and namespaces repeat across objects: cached objects share them. */
  private static final CanonicalTable<String> STRINGS = new CanonicalTable<>(1 << 12);
  private static final byte[] METADATA = JsonCursor.ascii("metadata");
  private static final byte[] NAMESPACE = JsonCursor.ascii("namespace");
  private static final byte[] RESOURCE_VERSION = JsonCursor.ascii("resourceVersion");
  private static final byte[] LABELS = JsonCursor.ascii("labels");

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
    try {
      JsonCursor c = new JsonCursor(json);
      c.enterObject();
      if (!c.findField(METADATA) || c.peek() != '{') {
        return null;
      }
      int insertAt = c.position() + 1;
      c.enterObject();
      String namespace = null;
      Map<String, String> labels = Map.of();
      while (c.nextField()) {
        if (c.nameIs(NAMESPACE)) {
          namespace = shared(c.stringValue());
        } else if (c.nameIs(RESOURCE_VERSION)) {
          return null; // not a stored value: let the slow path replace it
        } else if (c.nameIs(LABELS) && c.peek() == '{') {
          c.enterObject();
          Map<String, String> read = new LinkedHashMap<>();
          while (c.nextField()) {
            read.put(shared(c.name()), shared(c.stringValue()));
          }
          labels = Frozen.map(read);
        } else {
          c.skipValue();
        }
      }
      return new Metadata(namespace, labels, insertAt);
    } catch (IllegalArgumentException e) {
      return null; // an unexpected shape: the caller parses it whole
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
