package io.peloton.pelotonctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceType;
import io.peloton.client.ApiError;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.output.ObjectPrinter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wait --for=condition=X|delete}: blocks until every named object gets there. */
@Command(name = "wait", description = "Wait for objects: --for=delete, or "
    + "--for=condition=TYPE[=STATUS] (STATUS defaults to True).")
public final class WaitCommand extends ClientCommand {
  @Parameters(arity = "1..*", paramLabel = "KIND/NAME | KIND NAME...")
  List<String> args;

  @Option(names = "--for", required = true, description = "delete or condition=TYPE[=STATUS].")
  String condition;

  @Option(names = "--timeout", defaultValue = "30s",
      description = "Give up after this long (default: ${DEFAULT-VALUE}); 0 waits forever.")
  String timeout;

  @Override
  protected int run() {
    ObjectRef ref = ObjectRef.parse(args);
    if (ref.names().isEmpty()) {
      throw new CliException("give the objects to wait for: KIND/NAME or KIND NAME",
          ExitCodes.USAGE);
    }
    boolean delete;
    String condType = null;
    String condStatus = "True";
    if (condition.equalsIgnoreCase("delete")) {
      delete = true;
    } else if (condition.toLowerCase(Locale.ROOT).startsWith("condition=")) {
      delete = false;
      String[] parts = condition.substring("condition=".length()).split("=", 2);
      condType = parts[0];
      if (parts.length == 2) {
        condStatus = parts[1];
      }
      if (condType.isEmpty()) {
        throw new CliException("--for=condition= needs a condition type", ExitCodes.USAGE);
      }
    } else {
      throw new CliException("unrecognized condition \"" + condition + "\": use delete or "
          + "condition=TYPE[=STATUS]", ExitCodes.USAGE);
    }
    Duration limit = Timeouts.parse(timeout);
    Instant deadline = limit.isZero() ? Instant.MAX : Instant.now().plus(limit);
    ResourceType type = ref.type();
    String ns = type.namespaced() ? namespace() : null;
    for (String name : ref.names()) {
      String label = ObjectPrinter.reference(type) + "/" + name;
      while (true) {
        JsonNode current = null;
        try {
          current = client().get(type, ns, name);
        } catch (ApiError e) {
          if (!e.isNotFound()) {
            throw e;
          }
        }
        if (delete && current == null) {
          out().println(label + " deleted");
          break;
        }
        if (!delete && current == null) {
          throw new CliException(type.plural() + "." + type.group() + " \"" + name
              + "\" not found");
        }
        if (!delete && hasCondition(current, condType, condStatus)) {
          out().println(label + " condition met");
          break;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new CliException("timed out waiting for the condition on " + type.plural() + "/"
              + name);
        }
        Timeouts.pause(Duration.ofMillis(250));
      }
      out().flush();
    }
    return ExitCodes.OK;
  }

  private static boolean hasCondition(JsonNode o, String type, String status) {
    for (JsonNode c : o.path("status").path("conditions")) {
      if (c.path("type").asText().equalsIgnoreCase(type)
          && c.path("status").asText().equalsIgnoreCase(status)) {
        return true;
      }
    }
    return false;
  }
}
