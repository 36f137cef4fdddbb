package io.peloton.pelotonctl.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.pelotonctl.CliException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads {@code -f} arguments: files, directories (their .yaml, .yml and .json files, sorted;
 * {@code -R} descends) and {@code -} for stdin; multi-document YAML and {@code List} objects give
 * one manifest per object.
 */
public final class ManifestReader {
  private final InputStream stdin;
  private final boolean recursive;

  public ManifestReader(InputStream stdin, boolean recursive) {
    this.stdin = stdin;
    this.recursive = recursive;
  }

  public List<Manifest> read(List<String> arguments) {
    List<Manifest> out = new ArrayList<>();
    for (String arg : arguments) {
      if (arg.equals("-")) {
        try {
          out.addAll(parse("<stdin>", new String(stdin.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw new CliException("cannot read stdin: " + e.getMessage());
        }
        continue;
      }
      Path path = Path.of(arg);
      if (Files.isDirectory(path)) {
        for (Path file : filesIn(path)) {
          out.addAll(parse(file.toString(), readFile(file)));
        }
      } else if (Files.isRegularFile(path)) {
        out.addAll(parse(arg, readFile(path)));
      } else {
        throw new CliException("the path \"" + arg + "\" does not exist");
      }
    }
    return out;
  }

  private List<Path> filesIn(Path dir) {
    try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
      }).sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException e) {
      throw new CliException("cannot read directory " + dir + ": " + e.getMessage());
    }
  }

  private static String readFile(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** Every object of one file's text. */
  public static List<Manifest> parse(String source, String text) {
    List<JsonNode> docs;
    try {
      docs = Codecs.readDocuments(text);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new CliException(source + ": not valid YAML" + (loc == null ? "" : " at line "
          + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage()
          .replace('\n', ' '));
    } catch (IOException e) {
      throw new CliException(source + ": " + e.getMessage());
    }
    List<Manifest> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      JsonNode doc = docs.get(i);
      int number = i + 1;
      if (!doc.isObject()) {
        throw new CliException(source + " (document " + number + "): expected a YAML mapping "
            + "with apiVersion, kind and metadata");
      }
      String kind = doc.path("kind").asText("");
      if (kind.endsWith("List") && doc.has("items")) {
        int item = 0;
        for (JsonNode o : doc.get("items")) {
          out.add(manifest(source, number, o, "items[" + item++ + "]."));
        }
      } else {
        out.add(manifest(source, number, doc, ""));
      }
    }
    return out;
  }

  private static Manifest manifest(String source, int document, JsonNode doc, String at) {
    String where = source + " (document " + document + ")";
    if (!doc.isObject()) {
      throw new CliException(where + ": " + at + "expected an object");
    }
    String apiVersion = doc.path("apiVersion").asText("");
    String kind = doc.path("kind").asText("");
    if (apiVersion.isEmpty()) {
      throw new CliException(where + ": " + at + "apiVersion: is required ('"
          + ApiObject.API_VERSION + "')");
    }
    if (kind.isEmpty()) {
      throw new CliException(where + ": " + at + "kind: is required");
    }
    if (!apiVersion.equals(ApiObject.API_VERSION)) {
      throw new CliException(where + ": " + at + "apiVersion: unsupported value '" + apiVersion
          + "': must be '" + ApiObject.API_VERSION + "'");
    }
    ResourceType type = ResourceTypes.byKind(kind).orElseThrow(() -> new CliException(where
        + ": " + at + "kind: unsupported value '" + kind + "': must be one of "
        + ResourceTypes.ALL.stream().map(ResourceType::kind).toList()));
    if (doc.path("metadata").path("name").asText("").isEmpty()) {
      throw new CliException(where + ": " + at + "metadata.name: is required");
    }
    return new Manifest(source, document, type, (ObjectNode) doc);
  }
}
