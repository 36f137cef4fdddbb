package io.peloton.pelotonctl.command;

import io.peloton.client.ApiError;
import io.peloton.client.Applied;
import io.peloton.pelotonctl.ErrorText;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.manifest.ApplyOrder;
import io.peloton.pelotonctl.manifest.Manifest;
import io.peloton.pelotonctl.manifest.ManifestReader;
import io.peloton.pelotonctl.output.ObjectPrinter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apply -f}: creates or updates every object of the files (server-side apply). */
@Command(name = "apply", description = "Create or update objects from YAML/JSON files, "
    + "directories or stdin (-f -); reports created, configured or unchanged for each.")
public final class ApplyCommand extends ClientCommand {
  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
      description = "File, directory or '-' for stdin; repeatable.")
  List<String> files;

  @Option(names = {"-R", "--recursive"}, description = "Descend into sub-directories of -f DIR.")
  boolean recursive;

  @Option(names = "--field-manager", defaultValue = "pelotonctl",
      description = "Name recorded as the writer (default: ${DEFAULT-VALUE}).")
  String fieldManager;

  @Override
  protected int run() {
    List<Manifest> manifests = new ManifestReader(root().stdin(), recursive).read(files);
    int failures = 0;
    for (Manifest m : ApplyOrder.sorted(manifests)) {
      try {
        Applied a = client().apply(m.type(), m.intent(namespace()), fieldManager);
        out().println(ObjectPrinter.name(m.type(), m.object()) + " " + a.outcome());
      } catch (ApiError e) {
        ErrorText.lines(m.where(), e).forEach(err()::println);
        if (e.code() == 0) {
          return ExitCodes.ERROR; // the server is unreachable: the rest would fail the same way
        }
        failures++;
      }
    }
    return failures == 0 ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
