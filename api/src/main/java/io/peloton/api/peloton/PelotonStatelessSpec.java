package io.peloton.api.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Peloton's v1alpha stateless {@code JobSpec} (what {@code peloton job stateless create}
 * takes: a {@code defaultspec} pod of containers) as the {@code JobConfig} of a SERVICE job, so
 * that one converter maps the task fields and warns about what it drops.
 */
public final class PelotonStatelessSpec {
  private static final String SERVICE = "SERVICE";

  private PelotonStatelessSpec() {}

  /** Whether the document is a v1alpha stateless spec rather than a v0 {@code JobConfig}. */
  public static boolean matches(JsonNode document) {
    if (document == null || !document.isObject()) {
      return false;
    }
    for (String key : (Iterable<String>) document::fieldNames) {
      String k = key.replace("_", "").toLowerCase(Locale.ROOT);
      if (k.equals("defaultspec") || k.equals("instancespec")) {
        return true;
      }
    }
    return false;
  }

  /** The spec as a SERVICE Job in our format, as {@link PelotonJobConverter#convert} does. */
  public static Converted convert(JsonNode document, String respoolPath, String namespace,
      String name) {
    Set<String> warnings = new LinkedHashSet<>();
    ObjectNode config = toJobConfig(document, warnings);
    Converted job = PelotonJobConverter.convert(config, respoolPath, namespace, name);
    List<String> all = new ArrayList<>(warnings);
    all.addAll(job.warnings());
    return new Converted(job.object(), all);
  }

  static ObjectNode toJobConfig(JsonNode document, Set<String> warnings) {
    PelotonFields in = PelotonFields.root(document, warnings);
    ObjectNode out = Codecs.json().createObjectNode();
    out.put("type", SERVICE);
    for (String key : new String[] {"name", "owner", "owningteam", "ldapgroups", "description",
        "labels", "instancecount", "sla", "respoolid"}) {
      copy(in, key, out, key);
    }
    in.ignore("revision", "versions are kept by the API server (metadata.resourceVersion)");
    PelotonFields pod = in.object("defaultspec");
    if (pod != null) {
      out.set("defaultconfig", taskConfig(pod));
    }
    Map<String, PelotonFields> pods = in.objectsByKey("instancespec");
    if (!pods.isEmpty()) {
      ObjectNode instances = out.putObject("instanceconfig");
      pods.forEach((instance, p) -> instances.set(instance, taskConfig(p)));
    }
    in.finish();
    return out;
  }

  /** A {@code PodSpec} of one container as a {@code TaskConfig}. */
  private static ObjectNode taskConfig(PelotonFields pod) {
    ObjectNode cfg = Codecs.json().createObjectNode();
    for (String key : new String[] {"labels", "constraint", "restartpolicy",
        "killgraceperiodseconds", "revocable", "controller", "preemptionpolicy"}) {
      copy(pod, key, cfg, key);
    }
    List<PelotonFields> containers = pod.objects("containers");
    if (containers.size() > 1) {
      throw new PelotonSpecException(pod.at("containers"), "Peloton-K runs one container per "
          + "task; this pod has " + containers.size());
    }
    if (!containers.isEmpty()) {
      PelotonFields c = containers.get(0);
      for (String key : new String[] {"name", "resource", "container", "ports"}) {
        copy(c, key, cfg, key);
      }
      copy(c, "livenesscheck", cfg, "healthcheck");
      c.ignore("readinesscheck", "a task is ready when it runs and its liveness check passes");
      JsonNode command = c.take("command");
      PelotonFields entrypoint = c.object("entrypoint");
      if (command != null) {
        cfg.set("command", command);
        if (entrypoint != null) {
          c.ignore("entrypoint", "the container's 'command' is run instead");
        }
      } else if (entrypoint != null) {
        cfg.set("command", shellCommand(entrypoint));
      }
      c.finish();
    }
    pod.finish();
    return cfg;
  }

  /** An entrypoint's program and arguments as one shell command line, each word quoted. */
  private static ObjectNode shellCommand(PelotonFields entrypoint) {
    StringBuilder line = new StringBuilder(quote(entrypoint.text("value")));
    List<String> args = entrypoint.texts("arguments");
    for (String a : args == null ? List.<String>of() : args) {
      line.append(' ').append(quote(a));
    }
    entrypoint.finish();
    ObjectNode command = Codecs.json().createObjectNode();
    command.put("shell", true).put("value", line.toString());
    return command;
  }

  private static String quote(String word) {
    return "'" + (word == null ? "" : word.replace("'", "'\\''")) + "'";
  }

  private static void copy(PelotonFields from, String key, ObjectNode to, String as) {
    JsonNode v = from.take(key);
    if (v != null) {
      to.set(as, v);
    }
  }
}
