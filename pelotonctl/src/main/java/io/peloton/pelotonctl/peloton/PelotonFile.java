package io.peloton.pelotonctl.peloton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.peloton.Converted;
import io.peloton.api.peloton.PelotonSpecException;
import io.peloton.api.peloton.PelotonYaml;
import io.peloton.pelotonctl.CliException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a Peloton-native spec file (repeated keys allowed, as Peloton does) and converts it,
 * printing one warning per repeated key and per unused field.
 */
final class PelotonFile {
  private PelotonFile() {}

  static Converted convert(String file, Function<JsonNode, Converted> converter, PrintWriter err) {
    String text;
    try {
      text = Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
    PelotonYaml.Parsed parsed;
    try {
      parsed = PelotonYaml.read(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new CliException(file + ": not valid YAML" + (loc == null ? "" : " at line "
          + loc.getLineNr()) + ": " + e.getOriginalMessage().replace('\n', ' '));
    } catch (IOException e) {
      throw new CliException(file + ": " + e.getMessage());
    }
    List<JsonNode> docs = parsed.documents();
    if (docs.size() != 1) {
      throw new CliException(file + ": expected exactly one YAML document, found " + docs.size());
    }
    Converted c;
    try {
      c = converter.apply(docs.get(0));
    } catch (PelotonSpecException e) {
      throw new CliException(file + ": " + e.getMessage());
    }
    parsed.warnings().forEach(w -> err.println("Warning: " + file + ": " + w));
    c.warnings().forEach(w -> err.println("Warning: " + file + ": " + w));
    err.flush();
    return c;
  }
}
