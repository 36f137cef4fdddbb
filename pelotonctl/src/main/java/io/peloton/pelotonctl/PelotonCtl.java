package io.peloton.pelotonctl;

import io.peloton.pelotonctl.command.ApplyCommand;
import io.peloton.pelotonctl.command.ConfigCommand;
import io.peloton.pelotonctl.command.DeleteCommand;
import io.peloton.pelotonctl.command.DescribeCommand;
import io.peloton.pelotonctl.command.DiffCommand;
import io.peloton.pelotonctl.command.GetCommand;
import io.peloton.pelotonctl.command.LogsCommand;
import io.peloton.pelotonctl.command.WaitCommand;
import io.peloton.pelotonctl.config.CliConfig;
import io.peloton.pelotonctl.config.Connection;
import io.peloton.pelotonctl.peloton.HostCommand;
import io.peloton.pelotonctl.peloton.JobCommand;
import io.peloton.pelotonctl.peloton.RespoolCommand;
import io.peloton.pelotonctl.peloton.TaskCommand;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The pelotonctl command line: kubectl verbs plus Peloton's own, against the API server. */
@Command(name = "pelotonctl", mixinStandardHelpOptions = true, version = "pelotonctl 0.1.0",
    description = "Drive Peloton-K: kubectl verbs (apply, get, describe, delete, wait, diff, "
        + "logs) and Peloton's (respool, job, task, host).",
    footer = {"", "Exit codes: 0 success, 1 error, 2 usage error; diff: 0 same, 1 different, "
        + "2 error.",
        "Settings: flag > env (PELOTON_SERVER, PELOTON_NAMESPACE, PELOTON_TOKEN, PELOTON_CONTEXT)"
            + " > context in $PELOTONCONFIG or ~/.peloton/config > defaults."})
public final class PelotonCtl implements Runnable {
  /** Every top-level command, by name. */
  static final Map<String, Class<?>> COMMANDS = commands();

  // Names spelled out rather than read from the annotations: reading those costs start-up time.
  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
    m.put("apply", ApplyCommand.class);
    m.put("get", GetCommand.class);
    m.put("describe", DescribeCommand.class);
    m.put("delete", DeleteCommand.class);
    m.put("wait", WaitCommand.class);
    m.put("diff", DiffCommand.class);
    m.put("logs", LogsCommand.class);
    m.put("config", ConfigCommand.class);
    m.put("respool", RespoolCommand.class);
    m.put("job", JobCommand.class);
    m.put("task", TaskCommand.class);
    m.put("host", HostCommand.class);
    return m;
  }

  /** Options of the root that take a value, so the command word after them can be found. */
  private static final java.util.Set<String> VALUE_OPTIONS = java.util.Set.of("--server", "-n",
      "--namespace", "--token", "--context", "--pelotonconfig");

  @Option(names = "--server", scope = ScopeType.INHERIT,
      description = "API server URL (default: from context, else " + CliConfig.DEFAULT_SERVER + ").")
  String server;

  @Option(names = {"-n", "--namespace"}, scope = ScopeType.INHERIT,
      description = "Namespace (default: from context, else 'default').")
  String namespace;

  @Option(names = "--token", scope = ScopeType.INHERIT, description = "Bearer token.")
  String token;

  @Option(names = "--context", scope = ScopeType.INHERIT, description = "Config context to use.")
  String context;

  @Option(names = "--pelotonconfig", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "Config file (default: $PELOTONCONFIG, else ~/.peloton/config).")
  Path configFile;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;
  private final InputStream stdin;
  private boolean standalone;

  public PelotonCtl(Map<String, String> env, InputStream stdin) {
    this.env = env;
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    warmUpInBackground();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    CommandLine cl = commandLine(System.getenv(), System.in, args);
    ((PelotonCtl) cl.getCommand()).standalone = true;
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Builds the JSON/YAML mappers on another thread while picocli parses the command line: they
   * are a large part of a cold start.
   */
  private static void warmUpInBackground() {
    Thread codecs = new Thread(io.peloton.api.codec.Codecs::json, "warm-codecs");
    codecs.setDaemon(true);
    codecs.start();
  }

  /**
   * Called once the server is known. The JDK HTTP client (still used for PATCH and watches)
   * builds the default TLS context even for plain http, loading the security providers and
   * parsing every CA certificate; a process that only talks plain http gets a context that
   * does no TLS at all instead. Only for the standalone CLI: inside another program the
   * process-wide default is not ours to change.
   */
  public void prepareTransport(Connection c) {
    if (!standalone || !c.server().startsWith("http://")) {
      return;
    }
    javax.net.ssl.SSLContext.setDefault(new NoTls());
  }

  /** A TLS context for plain http only: nothing to load, and any TLS use fails plainly. */
  private static final class NoTls extends javax.net.ssl.SSLContext {
    NoTls() {
      super(new Spi(), null, "TLS");
    }

    private static final class Spi extends javax.net.ssl.SSLContextSpi {
      private static UnsupportedOperationException noTls() {
        return new UnsupportedOperationException("TLS is not set up: the server is plain http");
      }

      @Override
      protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm,
          java.security.SecureRandom random) {}

      @Override
      protected javax.net.ssl.SSLSocketFactory engineGetSocketFactory() {
        throw noTls();
      }

      @Override
      protected javax.net.ssl.SSLServerSocketFactory engineGetServerSocketFactory() {
        throw noTls();
      }

      @Override
      protected javax.net.ssl.SSLEngine engineCreateSSLEngine() {
        throw noTls();
      }

      @Override
      protected javax.net.ssl.SSLEngine engineCreateSSLEngine(String host, int port) {
        throw noTls();
      }

      @Override
      protected javax.net.ssl.SSLSessionContext engineGetServerSessionContext() {
        throw noTls();
      }

      @Override
      protected javax.net.ssl.SSLSessionContext engineGetClientSessionContext() {
        throw noTls();
      }

      @Override
      protected javax.net.ssl.SSLParameters engineGetDefaultSSLParameters() {
        return new javax.net.ssl.SSLParameters();
      }

      @Override
      protected javax.net.ssl.SSLParameters engineGetSupportedSSLParameters() {
        return new javax.net.ssl.SSLParameters();
      }
    }
  }

  /** Runs one command line; what it prints goes to {@code out} and {@code err}. */
  public static int execute(String[] args, Map<String, String> env, InputStream stdin,
      PrintWriter out, PrintWriter err) {
    CommandLine cl = commandLine(env, stdin, args);
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  /**
   * The command line for {@code args}. Only the command being run is modelled: building
   * picocli's model of every command costs more start-up time than the command itself.
   */
  public static CommandLine commandLine(Map<String, String> env, InputStream stdin,
      String[] args) {
    CommandLine cl = new CommandLine(new PelotonCtl(env, stdin));
    Class<?> only = COMMANDS.get(commandWord(args));
    if (only != null) {
      cl.addSubcommand(only);
    } else {
      COMMANDS.values().forEach(cl::addSubcommand);
    }
    withHelp(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, argv) -> {
      // kubectl's shape: the problem, then where to read more; not the whole usage text
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("error: " + ex.getMessage());
      err.println("See '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      err.flush();
      return ExitCodes.USAGE;
    });
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      PrintWriter err = line.getErr();
      ErrorText.lines(ex).forEach(err::println);
      if (ex instanceof CliException c && c.exitCode() == ExitCodes.USAGE) {
        // a usage mistake found while running points to the help, as a parse error does
        err.println("See '" + line.getCommandSpec().qualifiedName() + " --help' for usage.");
      }
      err.flush();
      return ex instanceof CliException c ? c.exitCode() : ExitCodes.ERROR;
    });
    return cl;
  }

  /**
   * Gives every command and subcommand {@code -h/--help}: without it {@code get --help} failed
   * on the missing KIND and {@code job --help} was an unknown option, yet every error points
   * there.
   */
  private static void withHelp(CommandLine cl) {
    if (cl.getCommandSpec().findOption("--help") == null) {
      cl.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
          .usageHelp(true).description("Show this help message and exit.").build());
    }
    cl.getSubcommands().values().forEach(PelotonCtl::withHelp);
  }

  /** The first word that is neither an option nor an option's value, or null. */
  static String commandWord(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (VALUE_OPTIONS.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public Map<String, String> env() {
    return env;
  }

  public InputStream stdin() {
    return stdin;
  }

  public CliConfig config() {
    return CliConfig.load(CliConfig.locate(configFile, env));
  }

  /** The connection settings after flags, environment and config file are combined. */
  public Connection connection() {
    return config().resolve(server, namespace, token, context, env);
  }

  /** True when stdout is a terminal (progress lines are then rewritten in place). */
  public boolean terminal() {
    return standalone && System.console() != null;
  }

  /** The --server flag, or null. */
  public String serverFlag() {
    return server;
  }

  /** The -n/--namespace flag, or null. */
  public String namespaceFlag() {
    return namespace;
  }

  /** The --token flag, or null. */
  public String tokenFlag() {
    return token;
  }
}
