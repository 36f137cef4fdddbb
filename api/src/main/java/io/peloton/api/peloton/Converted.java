package io.peloton.api.peloton;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Peloton-native spec turned into one of our objects.
 *
 * @param object the object in our own format (apiVersion, kind, metadata, spec)
 * @param warnings one line per Peloton field the conversion did not use
 */
public record Converted(ObjectNode object, List<String> warnings) {
  public Converted {
    warnings = List.copyOf(warnings);
  }
}
