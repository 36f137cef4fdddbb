package io.peloton.pelotonctl.peloton;

import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.command.ClientCommand;
import io.peloton.pelotonctl.command.LogsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code task logs JOB INSTANCE}: Peloton's spelling of {@code logs JOB-INSTANCE}. */
@Command(name = "logs", description = "Print the output of one instance of the job, read "
    + "through the API server.")
public final class TaskLogsCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "JOB")
  String job;

  @Parameters(index = "1", paramLabel = "INSTANCE")
  int instance;

  @Mixin
  LogsCommand.LogOptions options;

  @Override
  protected int run() throws Exception {
    String name = JobNames.find(client(), namespace(), job).path("metadata").path("name")
        .asText() + "-" + instance;
    options.log().copy(connection(), namespace(), name, out());
    return ExitCodes.OK;
  }
}
