package io.peloton.pelotonctl.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.codec.Codecs;
import java.util.List;

/** Whole objects as YAML, JSON or {@code kind.group/name}. */
public final class ObjectPrinter {
  private ObjectPrinter() {}

  public static String yaml(JsonNode o) {
    try {
      return Codecs.yaml().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String json(JsonNode o) {
    try {
      return Codecs.json().writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code job.peloton.io/name}, kubectl's object reference. */
  public static String name(ResourceType type, JsonNode o) {
    return reference(type) + "/" + o.path("metadata").path("name").asText();
  }

  /** {@code job.peloton.io}. */
  public static String reference(ResourceType type) {
    return type.singular() + "." + type.group();
  }

  /** Several objects as one {@code List}, the shape kubectl prints for more than one. */
  public static ObjectNode list(List<? extends JsonNode> items) {
    ObjectNode l = Codecs.json().createObjectNode();
    l.put("apiVersion", "v1").put("kind", "List");
    l.putArray("items").addAll(items.stream().map(i -> (JsonNode) i).toList());
    return l;
  }
}
