package io.peloton.pelotonctl.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.pelotonctl.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The config file with named contexts ({@code ~/.peloton/config}, or {@code $PELOTONCONFIG}):
 * <pre>
 * current-context: dev
 * contexts:
 * - name: dev
 *   server: http://127.0.0.1:8080
 *   namespace: team-a
 *   token: s3cret
 * </pre>
 * Resolution order per setting: flag, then environment, then the context, then the default.
 */
public final class CliConfig {
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
  public static final String DEFAULT_NAMESPACE = "default";

  private final Path file;
  private final ObjectNode root;

  private CliConfig(Path file, ObjectNode root) {
    this.file = file;
    this.root = root;
  }

  /** The file to use: the flag, else $PELOTONCONFIG, else ~/.peloton/config. */
  public static Path locate(Path flag, Map<String, String> env) {
    if (flag != null) {
      return flag;
    }
    String fromEnv = env.get("PELOTONCONFIG");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return Path.of(fromEnv);
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".peloton", "config");
  }

  /** Reads the file; a missing file is an empty config. */
  public static CliConfig load(Path file) {
    if (!Files.exists(file)) {
      return new CliConfig(file, Codecs.json().createObjectNode());
    }
    try {
      var docs = Codecs.readDocuments(Files.readString(file));
      if (docs.isEmpty()) {
        return new CliConfig(file, Codecs.json().createObjectNode());
      }
      if (!docs.get(0).isObject()) {
        throw new CliException("config file " + file + ": expected a YAML mapping");
      }
      return new CliConfig(file, (ObjectNode) docs.get(0));
    } catch (IOException e) {
      throw new CliException("config file " + file + ": " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  public String currentContext() {
    String c = root.path("current-context").asText("");
    return c.isEmpty() ? null : c;
  }

  /** The named context, or null. */
  public JsonNode context(String name) {
    for (JsonNode c : root.path("contexts")) {
      if (name.equals(c.path("name").asText())) {
        return c;
      }
    }
    return null;
  }

  /** Combines flags (null when not given), environment and this file into a connection. */
  public Connection resolve(String serverFlag, String namespaceFlag, String tokenFlag,
      String contextFlag, Map<String, String> env) {
    String contextName = first(contextFlag, env.get("PELOTON_CONTEXT"), currentContext());
    JsonNode ctx = null;
    if (contextName != null) {
      ctx = context(contextName);
      if (ctx == null) {
        throw new CliException("context '" + contextName + "' is not defined in " + file);
      }
    }
    String server = first(serverFlag, env.get("PELOTON_SERVER"), text(ctx, "server"), DEFAULT_SERVER);
    String namespace = first(namespaceFlag, env.get("PELOTON_NAMESPACE"), text(ctx, "namespace"),
        DEFAULT_NAMESPACE);
    String token = first(tokenFlag, env.get("PELOTON_TOKEN"), text(ctx, "token"));
    return new Connection(server, namespace, token, contextName);
  }

  /** Adds or changes a context; null values leave a setting as it is. */
  public void setContext(String name, String server, String namespace, String token) {
    ObjectNode ctx = (ObjectNode) context(name);
    if (ctx == null) {
      JsonNode list = root.get("contexts");
      ArrayNode contexts = list instanceof ArrayNode a ? a : root.putArray("contexts");
      ctx = contexts.addObject().put("name", name);
    }
    if (server != null) {
      ctx.put("server", server);
    }
    if (namespace != null) {
      ctx.put("namespace", namespace);
    }
    if (token != null) {
      ctx.put("token", token);
    }
  }

  public void useContext(String name) {
    if (context(name) == null) {
      throw new CliException("context '" + name + "' is not defined in " + file);
    }
    root.put("current-context", name);
  }

  public void save() {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, Codecs.yaml().writeValueAsString(root));
    } catch (IOException e) {
      throw new CliException("cannot write config file " + file + ": " + e.getMessage());
    }
  }

  /** The file's content with tokens hidden. */
  public String view() {
    ObjectNode copy = root.deepCopy();
    for (JsonNode c : copy.path("contexts")) {
      if (c.has("token")) {
        ((ObjectNode) c).put("token", "REDACTED");
      }
    }
    try {
      return Codecs.yaml().writeValueAsString(copy);
    } catch (IOException e) {
      throw new CliException(e.getMessage());
    }
  }

  private static String text(JsonNode ctx, String field) {
    if (ctx == null) {
      return null;
    }
    String v = ctx.path(field).asText("");
    return v.isEmpty() ? null : v;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
