package io.peloton.api.peloton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peloton.api.codec.Codecs;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a Peloton-format YAML file the way Peloton's YAML reader does: a repeated key is not an
 * error, the last one wins (Peloton's own configs rely on it). Each repeat becomes a warning.
 * Our own format stays strict ({@link Codecs#readDocuments}).
 */
public final class PelotonYaml {
  /** Built on first use, like the strict mapper. */
  private static final class Lenient {
    static final ObjectMapper YAML = Codecs.yaml().copy()
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, false);
  }

  /**
   * @param documents the non-empty documents of the text
   * @param warnings one line per repeated key: where, and that the last value is used
   */
  public record Parsed(List<JsonNode> documents, List<String> warnings) {}

  private PelotonYaml() {}

  public static Parsed read(String text) throws IOException {
    return new Parsed(Codecs.readDocuments(Lenient.YAML, text), repeatedKeys(text));
  }

  /** Every key repeated within one mapping, as a warning with its path and line. */
  private static List<String> repeatedKeys(String text) throws IOException {
    List<String> out = new ArrayList<>();
    Deque<Set<String>> mappings = new ArrayDeque<>();
    try (JsonParser p = Lenient.YAML.getFactory().createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.START_OBJECT) {
          mappings.push(new HashSet<>());
        } else if (t == JsonToken.END_OBJECT) {
          mappings.pop();
        } else if (t == JsonToken.FIELD_NAME && !mappings.peek().add(p.currentName())) {
          String path = p.getParsingContext().pathAsPointer().toString().substring(1)
              .replace('/', '.');
          out.add("repeated key '" + path + "' at line " + p.currentLocation().getLineNr()
              + ": the last value is used, as Peloton does");
        }
      }
    }
    return out;
  }
}
