package io.peloton.api.peloton;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Peloton's Docker {@code parameters} ({@code docker run} options). Peloton-K runs no Docker, so
 * an option's meaning has to be carried over explicitly or it is lost: {@code env} (and
 * {@code e}) become the command's environment, as Peloton's {@code helloworld_job.yaml} needs;
 * every other option is kept in the spec but warned about, since nothing here applies it.
 */
final class DockerParameters {
  private static final Set<String> ENV_KEYS = Set.of("env", "e");

  private DockerParameters() {}

  /**
   * Reads the parameters into {@code docker.parameters} (all but env) and {@code env} (name,
   * value pairs).
   */
  static void convert(List<PelotonFields> params, ObjectNode docker, List<String[]> env) {
    ArrayNode kept = docker.arrayNode();
    for (PelotonFields p : params) {
      String key = p.text("key");
      String value = p.text("value");
      p.finish();
      if (key != null && ENV_KEYS.contains(key.toLowerCase(Locale.ROOT).replaceFirst("^-+", ""))) {
        int eq = value == null ? -1 : value.indexOf('=');
        if (eq <= 0) {
          // docker run -e NAME (no '=') copies NAME from docker's own environment: none here
          throw new PelotonSpecException(p.at("value"), "a Docker env parameter needs "
              + "NAME=VALUE, got '" + (value == null ? "" : value) + "'");
        }
        env.add(new String[] {value.substring(0, eq), value.substring(eq + 1)});
        continue;
      }
      ObjectNode param = kept.addObject();
      Json.put(param, "key", key);
      Json.put(param, "value", value);
      p.warnAt(p.path(), "Docker parameter '" + key + "' has no effect in Peloton-K (tasks do "
          + "not run under Docker); kept in the spec");
    }
    if (!kept.isEmpty()) {
      docker.set("parameters", kept);
    }
  }

  /**
   * Adds the env parameters to the task config's {@code command.environment.variables}; a
   * variable the command sets itself keeps the command's value.
   */
  static void addEnvironment(ObjectNode taskConfig, List<String[]> env) {
    if (env.isEmpty()) {
      return;
    }
    ObjectNode command = taskConfig.has("command") ? (ObjectNode) taskConfig.get("command")
        : taskConfig.putObject("command");
    ObjectNode environment = command.has("environment")
        ? (ObjectNode) command.get("environment") : command.putObject("environment");
    ArrayNode vars = environment.has("variables") ? (ArrayNode) environment.get("variables")
        : environment.putArray("variables");
    Set<String> set = new HashSet<>();
    vars.forEach(v -> set.add(v.path("name").asText()));
    ArrayNode merged = vars.arrayNode();
    for (String[] nv : env) {
      if (!set.contains(nv[0])) {
        merged.addObject().put("name", nv[0]).put("value", nv[1]);
      }
    }
    merged.addAll(vars);
    environment.set("variables", merged);
  }
}
