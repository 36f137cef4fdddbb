package io.peloton.pelotonctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.validation.Admitted;
import io.peloton.api.validation.ObjectAdmission;
import io.peloton.client.ApiError;
import io.peloton.pelotonctl.ErrorText;
import io.peloton.pelotonctl.manifest.CanonicalTree;
import io.peloton.pelotonctl.manifest.Manifest;
import io.peloton.pelotonctl.manifest.ManifestReader;
import io.peloton.pelotonctl.output.LineDiff;
import io.peloton.pelotonctl.output.ObjectPrinter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code diff -f}: what {@code apply} would change. The manifest gets the same defaults the server
 * applies, then its spec, labels and annotations (what apply sets) are compared with the live
 * object's. Exit 0: no differences; 1: differences; 2: error.
 */
@Command(name = "diff", description = "Show what apply -f would change. Exit status: 0 no "
    + "differences, 1 differences found, 2 error.")
public final class DiffCommand extends ClientCommand {
  static final int DIFFERENT = 1;
  static final int FAILED = 2;

  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-")
  List<String> files;

  @Option(names = {"-R", "--recursive"})
  boolean recursive;

  @Override
  protected int run() {
    List<Manifest> manifests;
    try {
      manifests = new ManifestReader(root().stdin(), recursive).read(files);
    } catch (RuntimeException e) {
      ErrorText.lines(e).forEach(err()::println);
      return FAILED;
    }
    String external = root().env().get("PELOTONCTL_EXTERNAL_DIFF");
    java.nio.file.Path liveDir = null;
    java.nio.file.Path mergedDir = null;
    if (external != null && !external.isBlank()) {
      try {
        java.nio.file.Path base = java.nio.file.Files.createTempDirectory("pelotonctl-diff");
        liveDir = java.nio.file.Files.createDirectory(base.resolve("live"));
        mergedDir = java.nio.file.Files.createDirectory(base.resolve("merged"));
      } catch (java.io.IOException e) {
        err().println("error: cannot create a directory for the external diff: " + e.getMessage());
        return FAILED;
      }
    }
    boolean differs = false;
    for (Manifest m : manifests) {
      ObjectNode intent = m.intent(namespace());
      Admitted admitted = ObjectAdmission.admit(m.type(), intent);
      if (!admitted.ok()) {
        err().println("error: " + m.where() + ": " + m.type().kind() + " \"" + m.name()
            + "\" is invalid:");
        admitted.errors().forEach(e -> err().println("  " + e.field() + ": " + e.message()));
        return FAILED;
      }
      JsonNode live;
      try {
        String ns = m.type().namespaced() ? intent.path("metadata").path("namespace").asText()
            : null;
        live = client().get(m.type(), ns, m.name());
      } catch (ApiError e) {
        if (!e.isNotFound()) {
          ErrorText.lines(m.where(), e).forEach(err()::println);
          return FAILED;
        }
        live = null;
      }
      // compared as trees (key order and number spelling do not count), printed canonically
      JsonNode liveTree = live == null ? null : CanonicalTree.of(comparable(live));
      JsonNode mergedTree = CanonicalTree.of(comparable(admitted.object()));
      if (mergedTree.equals(liveTree) && liveDir == null) {
        continue;
      }
      List<String> before = liveTree == null ? List.of() : lines(liveTree);
      List<String> after = lines(mergedTree);
      if (liveDir != null) {
        String file = m.type().singular() + "." + m.type().group() + "."
            + (m.type().namespaced() ? intent.path("metadata").path("namespace").asText() + "."
            : "") + m.name();
        try {
          if (live != null) {
            java.nio.file.Files.write(liveDir.resolve(file), before);
          }
          java.nio.file.Files.write(mergedDir.resolve(file), after);
        } catch (java.io.IOException e) {
          err().println("error: cannot write " + file + " for the external diff: " + e.getMessage());
          return FAILED;
        }
        continue;
      }
      List<String> d = LineDiff.diff(before, after);
      if (!d.isEmpty()) {
        differs = true;
        String id = ObjectPrinter.name(m.type(), intent);
        out().println("--- live/" + id + (live == null ? " (absent)" : ""));
        out().println("+++ merged/" + id);
        d.forEach(out()::println);
      }
    }
    if (liveDir != null) {
      try {
        return runExternal(external, liveDir, mergedDir);
      } finally {
        deleteTree(liveDir.getParent());
      }
    }
    return differs ? DIFFERENT : 0;
  }

  /**
   * Runs {@code $PELOTONCTL_EXTERNAL_DIFF LIVE_DIR MERGED_DIR} (kubectl's KUBECTL_EXTERNAL_DIFF):
   * its output is ours; its exit status 0 or 1 is ours, anything else is an error.
   */
  private int runExternal(String command, java.nio.file.Path live, java.nio.file.Path merged) {
    List<String> argv = new java.util.ArrayList<>(Arrays.asList(command.trim().split("\\s+")));
    argv.add(live.toString());
    argv.add(merged.toString());
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      int code = p.waitFor();
      out().print(output);
      if (code > 1) {
        err().println("error: " + argv.get(0) + " exited with status " + code);
        return FAILED;
      }
      return code;
    } catch (java.io.IOException e) {
      err().println("error: cannot run PELOTONCTL_EXTERNAL_DIFF '" + command + "': "
          + e.getMessage());
      return FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FAILED;
    }
  }

  private static void deleteTree(java.nio.file.Path dir) {
    try (var paths = java.nio.file.Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary directory left behind is harmless
    }
  }

  /** The parts apply sets: name, namespace, labels, annotations and spec. */
  private static ObjectNode comparable(JsonNode o) {
    ObjectNode c = Codecs.json().createObjectNode();
    c.put("apiVersion", o.path("apiVersion").asText()).put("kind", o.path("kind").asText());
    ObjectNode meta = c.putObject("metadata");
    JsonNode m = o.path("metadata");
    for (String f : new String[] {"name", "namespace", "labels", "annotations"}) {
      if (m.has(f) && !m.get(f).isEmpty() || m.path(f).isTextual()) {
        meta.set(f, m.get(f));
      }
    }
    if (o.has("spec")) {
      c.set("spec", o.get("spec"));
    }
    return c;
  }

  private static List<String> lines(JsonNode o) {
    return Arrays.asList(ObjectPrinter.yaml(o).split("\n"));
  }
}
