package io.peloton.pelotonctl.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.peloton.Converted;
import io.peloton.api.peloton.PelotonNames;
import io.peloton.api.peloton.PelotonPoolConverter;
import io.peloton.client.ListOptions;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.command.ClientCommand;
import io.peloton.pelotonctl.output.ObjectPrinter;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Peloton's {@code respool} verbs over ResourcePool objects, addressed by path. */
@Command(name = "respool", description = "Peloton resource pool verbs (pools addressed by path, "
    + "e.g. /DefaultResPool).",
    subcommands = {RespoolCommand.Create.class, RespoolCommand.Get.class,
        RespoolCommand.Dump.class, RespoolCommand.Delete.class})
public final class RespoolCommand {

  /** {@code respool create PATH FILE}: a Peloton respool YAML becomes a ResourcePool. */
  @Command(name = "create", description = "Create the pool at PATH from a Peloton respool YAML.")
  public static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "PATH")
    String path;

    @Parameters(index = "1", paramLabel = "FILE")
    String file;

    @Override
    protected int run() {
      String clean = PelotonNames.trimPath(path);
      Converted c = PelotonFile.convert(file, doc -> PelotonPoolConverter.convert(doc, clean),
          err());
      String parent = c.object().path("spec").path("parent").asText();
      if (!parent.equals("/")) {
        PoolPaths.find(client(), parent);
      }
      ObjectNode created = client().create(ResourceTypes.RESOURCE_POOL, null, c.object());
      out().println("Resource Pool " + created.path("metadata").path("name").asText()
          + " created at " + clean);
      return ExitCodes.OK;
    }
  }

  /** {@code respool get PATH}. */
  @Command(name = "get", description = "Show the pool at PATH.")
  public static final class Get extends ClientCommand {
    @Parameters(paramLabel = "PATH")
    String path;

    @Option(names = "--format", defaultValue = "yaml", description = "yaml, yml or json.")
    String format;

    @Override
    protected int run() {
      print(this, PoolPaths.find(client(), path), format);
      return ExitCodes.OK;
    }
  }

  /** {@code respool dump}: every pool, parents first. */
  @Command(name = "dump", description = "Print every resource pool, parents before children.")
  public static final class Dump extends ClientCommand {
    @Option(names = "--format", defaultValue = "yaml", description = "yaml, yml or json.")
    String format;

    @Override
    protected int run() {
      List<ObjectNode> pools = client().list(ResourceTypes.RESOURCE_POOL, null, ListOptions.all())
          .items().stream().sorted(Comparator.comparing(PoolPaths::pathOf)).toList();
      print(this, ObjectPrinter.list(pools), format);
      return ExitCodes.OK;
    }
  }

  /** {@code respool delete PATH}. */
  @Command(name = "delete", description = "Delete the pool at PATH.")
  public static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "PATH")
    String path;

    @Override
    protected int run() {
      ObjectNode pool = PoolPaths.find(client(), path);
      client().delete(ResourceTypes.RESOURCE_POOL, null, pool.path("metadata").path("name").asText());
      out().println("Resource Pool " + PelotonNames.trimPath(path) + " deleted");
      return ExitCodes.OK;
    }
  }

  static void print(ClientCommand cmd, JsonNode o, String format) {
    String text = switch (format) {
      case "yaml", "yml" -> ObjectPrinter.yaml(o);
      case "json" -> ObjectPrinter.json(o) + "\n";
      default -> throw new CliException("--format must be yaml, yml or json", ExitCodes.USAGE);
    };
    cmd.spec().commandLine().getOut().print(text);
  }
}
