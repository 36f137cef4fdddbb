package io.peloton.pelotonctl.command;

import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code logs TASK}: a task's stdout (or stderr) read through the API server. */
@Command(name = "logs", description = "Print a task's output (its sandbox stdout or stderr), "
    + "read through the API server: logs TASK or logs task/TASK.")
public final class LogsCommand extends ClientCommand {
  @Parameters(paramLabel = "TASK")
  String task;

  @Mixin
  LogOptions options;

  @Override
  protected int run() throws Exception {
    String name = task;
    int slash = task.indexOf('/');
    if (slash >= 0) {
      if (ObjectRef.kind(task.substring(0, slash)) != io.peloton.api.ResourceTypes.TASK) {
        throw new CliException("logs are kept for tasks only, not " + task.substring(0, slash),
            ExitCodes.USAGE);
      }
      name = task.substring(slash + 1);
    }
    root().prepareTransport(connection());
    options.log().copy(connection(), namespace(), name, out());
    return ExitCodes.OK;
  }

  /** The options {@code logs} and Peloton's {@code task logs} share. */
  public static final class LogOptions {
    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the run "
        + "ends.")
    boolean follow;

    @Option(names = "--stderr", description = "The task's stderr instead of its stdout.")
    boolean stderr;

    @Option(names = "--run", paramLabel = "N", description = "A previous run (default: the "
        + "current one).")
    Integer run;

    @Option(names = "--tail", paramLabel = "LINES", description = "Only the last LINES lines.")
    Integer tail;

    public TaskLog log() {
      if (run != null && run < 0) {
        throw new CliException("--run must be 0 or more, got " + run, ExitCodes.USAGE);
      }
      if (tail != null && tail < 0) {
        throw new CliException("--tail must be 0 or more, got " + tail, ExitCodes.USAGE);
      }
      return new TaskLog(stderr ? "stderr" : "stdout", run, follow, tail);
    }
  }
}
