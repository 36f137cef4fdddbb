package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.codec.Codecs;
import io.peloton.apiserver.cache.CachedObject;
import io.peloton.apiserver.cache.WatchCache;
import java.util.ArrayList;
import java.util.List;

/**
 * A list response ({@code JobList} etc.) whose items are kept as their serialized JSON, so a
 * large list is written without re-encoding each object.
 */
public record ObjectList(ResourceType type, List<CachedObject> items, long revision,
    String continueToken) {

  static ObjectList of(ResourceType type, WatchCache.Snapshot snapshot, String continueToken) {
    return new ObjectList(type, snapshot.items(), snapshot.revision(), continueToken);
  }

  /** The list as JSON bytes. */
  public byte[] toJson() {
    List<byte[]> json = new ArrayList<>(items.size());
    items.forEach(o -> json.add(o.json()));
    return RenderedList.of("{\"apiVersion\":\"" + type.apiVersion() + "\",\"kind\":\""
        + type.kind() + "List\",\"metadata\":{\"resourceVersion\":\"" + revision + "\""
        + (continueToken == null ? "" : ",\"continue\":\"" + continueToken + "\"")
        + "},\"items\":[", json);
  }

  /** The list as a JSON tree (for YAML output and gRPC clients that want a tree). */
  public ObjectNode toTree() {
    ObjectNode list = Codecs.json().createObjectNode();
    list.put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
    ObjectNode meta = list.putObject("metadata");
    meta.put("resourceVersion", Long.toString(revision));
    if (continueToken != null) {
      meta.put("continue", continueToken);
    }
    ArrayNode arr = list.putArray("items");
    for (CachedObject o : items) {
      arr.add(o.tree());
    }
    return list;
  }
}
