package io.peloton.pelotonctl.peloton;

import static io.peloton.api.job.JobAnnotations.GOAL_STATE;
import static io.peloton.api.job.JobAnnotations.RESTART;
import static io.peloton.pelotonctl.peloton.JobCommand.annotate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.command.ClientCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Peloton's {@code job stop|start|restart}: goals for every instance, set on the Job. */
final class JobGoalCommands {
  private JobGoalCommands() {}

  /** A verb applied to each named job in turn. */
  abstract static class EachJob extends ClientCommand {
    @Parameters(paramLabel = "JOB", arity = "1..*")
    List<String> jobs;

    /** Acts on one job; returns what to print. */
    abstract String act(ObjectNode job, String name);

    /** The jobs acted on, by object name. */
    List<String> actOnEach() {
      List<String> names = new ArrayList<>();
      for (String id : jobs) {
        ObjectNode o = JobNames.find(client(), namespace(), id);
        String name = o.path("metadata").path("name").asText();
        out().println(act(o, name));
        names.add(name);
      }
      return names;
    }

    @Override
    protected int run() {
      actOnEach();
      return ExitCodes.OK;
    }

    static boolean stopped(ObjectNode job) {
      return job.path("metadata").path("annotations").has(GOAL_STATE);
    }
  }

  /** {@code job stop JOB}: asks for every instance to be stopped. */
  @Command(name = "stop", description = "Stop every instance of the job (sets the goal state; "
      + "the job controller carries it out).")
  public static final class Stop extends EachJob {
    @Mixin
    JobCommand.WaitOptions waiting;

    @Override
    String act(ObjectNode job, String name) {
      annotate(this, name, GOAL_STATE, "KILLED");
      return "Job " + name + " stopping";
    }

    @Override
    protected int run() {
      List<String> names = actOnEach();
      if (waiting.wait) {
        JobProgress progress = waiting.progress(this, root().terminal());
        names.forEach(progress::awaitStopped);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code job start JOB}: runs a stopped job's instances again. */
  @Command(name = "start", description = "Start the instances of a stopped job again (clears "
      + "the stop goal; the job controller carries it out).")
  public static final class Start extends EachJob {
    @Override
    String act(ObjectNode job, String name) {
      if (!stopped(job)) {
        return "Job " + name + " is not stopped; nothing to start";
      }
      annotate(this, name, GOAL_STATE, null);
      return "Job " + name + " starting";
    }
  }

  /** {@code job restart JOB}: every running instance is replaced by a new run, once. */
  @Command(name = "restart", description = "Restart every instance of the job once (a new run "
      + "each, within the job's maximumUnavailableInstances).")
  public static final class Restart extends EachJob {
    @Override
    String act(ObjectNode job, String name) {
      if (stopped(job)) {
        throw new CliException("job " + name + " is stopped; use 'pelotonctl job start " + name
            + "' to run it again");
      }
      // a new value each time: the controller restarts once per value it has not honoured
      annotate(this, name, RESTART, Instant.now().toString());
      return "Job " + name + " restarting";
    }
  }
}
