package io.peloton.pelotonctl.command;

import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.config.CliConfig;
import io.peloton.pelotonctl.config.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code config}: view and edit the contexts file. */
@Command(name = "config", description = "View and edit contexts (server, namespace, token) in "
    + "$PELOTONCONFIG or ~/.peloton/config.",
    subcommands = {ConfigCommand.View.class, ConfigCommand.UseContext.class,
        ConfigCommand.SetContext.class, ConfigCommand.CurrentContext.class})
public final class ConfigCommand {

  /** {@code config view}. */
  @Command(name = "view", description = "Print the config file (tokens redacted) and the "
      + "settings in effect.")
  public static final class View extends ClientCommand {
    @Override
    protected int run() {
      CliConfig config = root().config();
      out().print(config.view());
      Connection c = connection();
      out().println("# in effect: server=" + c.server() + " namespace=" + c.namespace()
          + " context=" + (c.context() == null ? "<none>" : c.context()));
      return ExitCodes.OK;
    }
  }

  /** {@code config use-context NAME}. */
  @Command(name = "use-context", description = "Make NAME the current context.")
  public static final class UseContext extends ClientCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    protected int run() {
      CliConfig config = root().config();
      config.useContext(name);
      config.save();
      out().println("Switched to context \"" + name + "\".");
      return ExitCodes.OK;
    }
  }

  /** {@code config set-context NAME --server=... -n ... --token=...}. */
  @Command(name = "set-context", description = "Create or change context NAME from the "
      + "--server, -n/--namespace and --token given.")
  public static final class SetContext extends ClientCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    protected int run() {
      CliConfig config = root().config();
      boolean existed = config.context(name) != null;
      config.setContext(name, root().serverFlag(), root().namespaceFlag(), root().tokenFlag());
      config.save();
      out().println("Context \"" + name + "\" " + (existed ? "modified." : "created."));
      return ExitCodes.OK;
    }
  }

  /** {@code config current-context}. */
  @Command(name = "current-context", description = "Print the current context.")
  public static final class CurrentContext extends ClientCommand {
    @Override
    protected int run() {
      String c = root().config().currentContext();
      if (c == null) {
        err().println("error: current-context is not set");
        return ExitCodes.ERROR;
      }
      out().println(c);
      return ExitCodes.OK;
    }
  }
}
