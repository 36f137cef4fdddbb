package io.peloton.pelotonctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceType;
import io.peloton.client.ApiError;
import io.peloton.client.ListOptions;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ErrorText;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.manifest.ApplyOrder;
import io.peloton.pelotonctl.manifest.Manifest;
import io.peloton.pelotonctl.manifest.ManifestReader;
import io.peloton.pelotonctl.output.Fields;
import io.peloton.pelotonctl.output.ObjectPrinter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code delete}: by name, by file or by selector; waits until the objects are gone, saying which
 * finalizers it is waiting for.
 */
@Command(name = "delete", description = "Delete objects by KIND NAME..., KIND/NAME, -f FILE or "
    + "KIND -l SELECTOR / --all; waits for finalizers unless --wait=false.")
public final class DeleteCommand extends ClientCommand {
  @Parameters(arity = "0..*", paramLabel = "KIND [NAME...]")
  List<String> args = new ArrayList<>();

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR|-")
  List<String> files;

  @Option(names = {"-R", "--recursive"})
  boolean recursive;

  @Option(names = {"-l", "--selector"})
  String selector;

  @Option(names = "--all", description = "Delete every object of the kind (in the namespace).")
  boolean all;

  @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
      arity = "0..1", description = "Wait until the objects are gone (default: true).")
  boolean waitForDeletion;

  @Option(names = "--timeout", defaultValue = "0",
      description = "Give up waiting after this long (e.g. 60s); 0 waits until done.")
  String timeout;

  @Option(names = "--ignore-not-found", description = "A missing object is not an error.")
  boolean ignoreNotFound;

  private record Target(ResourceType type, String namespace, String name, String where) {}

  @Override
  protected int run() {
    List<Target> targets = targets();
    int failures = 0;
    List<Target> pending = new ArrayList<>();
    for (Target t : targets) {
      try {
        JsonNode last = client().delete(t.type(), t.namespace(), t.name());
        if (last.path("metadata").path("finalizers").size() > 0 && waitForDeletion) {
          pending.add(t);
        } else {
          out().println(quoted(t) + " deleted");
        }
      } catch (ApiError e) {
        if (e.isNotFound() && ignoreNotFound) {
          continue;
        }
        if (e.isNotFound()) {
          err().println("Error from server (NotFound): " + (t.where() == null ? "" : t.where()
              + ": ") + quoted(t) + " not found");
        } else {
          ErrorText.lines(t.where(), e).forEach(err()::println);
        }
        if (e.code() == 0) {
          return ExitCodes.ERROR;
        }
        failures++;
      }
    }
    Duration limit = Timeouts.parse(timeout);
    Instant deadline = limit.isZero() ? Instant.MAX : Instant.now().plus(limit);
    for (Target t : pending) {
      if (!awaitGone(t, deadline)) {
        failures++;
      }
    }
    return failures == 0 ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private List<Target> targets() {
    List<Target> out = new ArrayList<>();
    if (files != null && !files.isEmpty()) {
      if (!args.isEmpty()) {
        throw new CliException("give either -f or KIND NAME, not both", ExitCodes.USAGE);
      }
      // the reverse of apply's order: jobs go before the pools they run in, children before parents
      List<Manifest> manifests = new ArrayList<>(ApplyOrder.sorted(
          new ManifestReader(root().stdin(), recursive).read(files)));
      java.util.Collections.reverse(manifests);
      for (Manifest m : manifests) {
        String ns = m.type().namespaced() ? (m.namespace() != null ? m.namespace() : namespace())
            : null;
        out.add(new Target(m.type(), ns, m.name(), m.where()));
      }
      return out;
    }
    ObjectRef ref = ObjectRef.parse(args);
    String ns = ref.type().namespaced() ? namespace() : null;
    if (!ref.names().isEmpty()) {
      ref.names().forEach(n -> out.add(new Target(ref.type(), ns, n, null)));
      return out;
    }
    if (selector == null && !all) {
      throw new CliException("resource(s) were provided, but no name was specified: give NAME, "
          + "-l SELECTOR or --all", ExitCodes.USAGE);
    }
    ListOptions options = ListOptions.all().withLabelSelector(selector);
    client().list(ref.type(), ns, options).items().forEach(o -> out.add(new Target(ref.type(),
        ns, o.path("metadata").path("name").asText(), null)));
    if (out.isEmpty()) {
      err().println("No resources found");
    }
    return out;
  }

  /** Polls until the object is gone, telling the user each time the set of finalizers changes. */
  private boolean awaitGone(Target t, Instant deadline) {
    String lastSaid = null;
    while (true) {
      JsonNode current;
      try {
        current = client().get(t.type(), t.namespace(), t.name());
      } catch (ApiError e) {
        if (e.isNotFound()) {
          out().println(quoted(t) + " deleted");
          return true;
        }
        throw e;
      }
      String finalizers = Fields.text(current, "metadata.finalizers");
      if (!finalizers.equals(lastSaid)) {
        err().println("waiting for " + quoted(t) + " to be deleted: finalizer(s) "
            + finalizers + " still present");
        err().flush();
        lastSaid = finalizers;
      }
      if (Instant.now().isAfter(deadline)) {
        err().println("error: timed out waiting for " + quoted(t) + " to be deleted (finalizers: "
            + finalizers + ")");
        return false;
      }
      Timeouts.pause(Duration.ofMillis(300));
    }
  }

  private static String quoted(Target t) {
    return ObjectPrinter.reference(t.type()) + " \"" + t.name() + "\"";
  }
}
