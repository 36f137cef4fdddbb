package io.peloton.pelotonctl.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.peloton.Converted;
import io.peloton.api.peloton.PelotonJobConverter;
import io.peloton.api.peloton.PelotonStatelessSpec;
import io.peloton.api.peloton.PelotonNames;
import io.peloton.api.task.TaskState;
import io.peloton.client.ApiError;
import io.peloton.client.ListOptions;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.command.ClientCommand;
import io.peloton.pelotonctl.command.Timeouts;
import io.peloton.pelotonctl.output.Fields;
import io.peloton.pelotonctl.output.PelotonTable;
import io.peloton.pelotonctl.output.ProgressLine;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Peloton's {@code job} verbs over Job objects. */
@Command(name = "job", description = "Peloton job verbs: create RESPOOL FILE, get, status, "
    + "query, stop, start, restart, delete.",
    subcommands = {JobCommand.Create.class, JobCommand.Get.class, JobCommand.Status.class,
        JobCommand.Query.class, JobGoalCommands.Stop.class, JobGoalCommands.Start.class,
        JobGoalCommands.Restart.class, JobCommand.Delete.class, JobCommand.Stateless.class})
public final class JobCommand {
  /** {@code --wait} and {@code --timeout} of stop and delete. */
  static final class WaitOptions {
    @Option(names = "--wait", description = "Wait until done, showing the tasks remaining.")
    boolean wait;

    @Option(names = "--timeout", defaultValue = "0", description = "With --wait, give up after "
        + "this long (30s, 5m, 1h; default 0: no limit).")
    String timeout;

    JobProgress progress(ClientCommand cmd, boolean terminal) {
      return new JobProgress(cmd.client(), cmd.namespace(),
          new ProgressLine(cmd.spec().commandLine().getOut(), terminal),
          Timeouts.parse(timeout));
    }
  }

  /** Merge-patches one annotation of the job ({@code null} removes it). */
  static void annotate(ClientCommand cmd, String job, String key, String value) {
    ObjectNode patch = Codecs.json().createObjectNode();
    ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
    if (value == null) {
      annotations.putNull(key);
    } else {
      annotations.put(key, value);
    }
    cmd.client().patch(ResourceTypes.JOB, cmd.namespace(), job, patch, false);
  }

  /** {@code job create RESPOOL FILE}: a Peloton job YAML becomes a Job. */
  @Command(name = "create", description = "Create a job in pool RESPOOL from a Peloton job YAML "
      + "(a JobConfig, or a v1alpha stateless JobSpec with a defaultspec).")
  public static class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "RESPOOL")
    String respool;

    @Parameters(index = "1", paramLabel = "FILE")
    String file;

    @Option(names = {"-i", "--jobID"}, description = "Job name to use instead of one derived "
        + "from the spec's name.")
    String jobId;

    @Override
    protected int run() {
      String pool = PelotonNames.trimPath(respool);
      PoolPaths.find(client(), pool);
      // either spelling Peloton has: its v0 JobConfig, or the v1alpha stateless JobSpec
      Converted c = PelotonFile.convert(file, doc -> PelotonStatelessSpec.matches(doc)
          ? PelotonStatelessSpec.convert(doc, pool, namespace(), jobId)
          : PelotonJobConverter.convert(doc, pool, namespace(), jobId), err());
      ObjectNode created = jobId != null ? createNamed(c.object())
          : createUnique(c.object(), java.util.concurrent.ThreadLocalRandom.current());
      out().println("Job " + created.path("metadata").path("name").asText() + " created");
      return ExitCodes.OK;
    }

    /** With {@code -i}: that name or nothing. */
    private ObjectNode createNamed(ObjectNode job) {
      try {
        return client().create(ResourceTypes.JOB, namespace(), job);
      } catch (ApiError e) {
        if (e.isAlreadyExists()) {
          throw new CliException("job " + jobId + " already exists in namespace " + namespace()
              + "; choose another -i/--jobID, or leave it out to get a new name");
        }
        throw e;
      }
    }

    /**
     * Without {@code -i}, like Peloton (a new job each time): the name derived from the spec,
     * or, when a job has it already, that name with a random suffix (generateName's way).
     */
    private ObjectNode createUnique(ObjectNode job, java.util.random.RandomGenerator random) {
      ObjectNode meta = (ObjectNode) job.get("metadata");
      String base = meta.path("name").asText();
      for (int attempt = 0; ; attempt++) {
        try {
          return client().create(ResourceTypes.JOB, namespace(), job);
        } catch (ApiError e) {
          if (!e.isAlreadyExists() || attempt == 5) {
            throw e;
          }
        }
        String name = PelotonNames.withRandomSuffix(base, random);
        meta.put("name", name);
        if (!meta.path("annotations").has(PelotonJobConverter.PELOTON_NAME_ANNOTATION)) {
          ObjectNode annotations = meta.has("annotations") ? (ObjectNode) meta.get("annotations")
              : meta.putObject("annotations");
          // the spec's name was the job name: keep it so 'job query --name' finds both
          annotations.put(PelotonJobConverter.PELOTON_NAME_ANNOTATION, base);
        }
        err().println("job " + base + " exists already; creating this one as " + name);
      }
    }
  }

  /** Peloton's {@code job stateless} verbs; {@code create} takes a v1alpha stateless JobSpec. */
  @Command(name = "stateless", description = "Peloton's stateless job verbs: create RESPOOL FILE.",
      subcommands = {StatelessCreate.class})
  public static final class Stateless {}

  /** {@code job stateless create RESPOOL FILE}, as {@code job create} (which takes both). */
  @Command(name = "create", description = "Create a SERVICE job in pool RESPOOL from a Peloton "
      + "v1alpha stateless JobSpec.")
  public static final class StatelessCreate extends Create {}

  /** {@code job get JOB}: the job's configuration. */
  @Command(name = "get", description = "Print the job's configuration (YAML).")
  public static final class Get extends ClientCommand {
    @Parameters(paramLabel = "JOB")
    String job;

    @Override
    protected int run() {
      ObjectNode o = JobNames.find(client(), namespace(), job);
      ObjectNode shown = Codecs.json().createObjectNode();
      shown.put("id", o.path("metadata").path("name").asText());
      shown.set("metadata", o.get("metadata"));
      shown.set("config", o.get("spec"));
      RespoolCommand.print(this, shown, "yaml");
      return ExitCodes.OK;
    }
  }

  /** {@code job status JOB}: state and task counts, every task state listed. */
  @Command(name = "status", description = "Print the job's runtime status (YAML).")
  public static final class Status extends ClientCommand {
    @Parameters(paramLabel = "JOB")
    String job;

    @Override
    protected int run() {
      ObjectNode o = JobNames.find(client(), namespace(), job);
      JsonNode status = o.path("status");
      ObjectNode runtime = Codecs.json().createObjectNode();
      runtime.put("state", status.path("state").asText("INITIALIZED"));
      runtime.put("goalState", status.path("goalState").asText(""));
      runtime.put("creationTime", o.path("metadata").path("creationTimestamp").asText(""));
      runtime.put("startTime", status.path("startTime").asText(""));
      runtime.put("completionTime", status.path("completionTime").asText(""));
      ObjectNode stats = runtime.putObject("taskStats");
      for (TaskState s : TaskState.values()) {
        stats.put(s.name(), status.path("taskStats").path(s.name()).asInt(0));
      }
      if (status.has("update")) {
        runtime.set("update", status.get("update"));
      }
      if (status.has("conditions")) {
        runtime.set("conditions", status.get("conditions"));
      }
      ObjectNode shown = Codecs.json().createObjectNode();
      shown.put("id", o.path("metadata").path("name").asText());
      shown.set("runtime", runtime);
      RespoolCommand.print(this, shown, "yaml");
      return ExitCodes.OK;
    }
  }

  /** {@code job query}: Peloton's job table. */
  @Command(name = "query", description = "List jobs in Peloton's table: ID, Name, Owner, State, "
      + "Creation Time, Completion Time, Total, Running, Succeeded, Failed, Killed.")
  public static final class Query extends ClientCommand {
    @Option(names = {"-l", "--labels"}, description = "Labels k=v,... (all must match).")
    String labels;

    @Option(names = {"-r", "--respool"}, description = "Only jobs in this pool path.")
    String respool;

    @Option(names = {"-s", "--states"}, split = ",", description = "Job states, e.g. RUNNING,PENDING.")
    List<String> states;

    @Option(names = "--name", description = "Only jobs whose name contains this.")
    String name;

    @Option(names = "--owner", description = "Only jobs of this owning team.")
    String owner;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected int run() {
      ListOptions options = ListOptions.all().withLabelSelector(labels);
      Set<String> wanted = states == null ? Set.of() : states.stream()
          .map(s -> s.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
      PelotonTable t = new PelotonTable(List.of("ID", "Name", "Owner", "State", "Creation Time",
          "Completion Time", "Total", "Running", "Succeeded", "Failed", "Killed"));
      int shown = 0;
      for (ObjectNode j : client().list(ResourceTypes.JOB, namespace(), options).items()) {
        String state = j.path("status").path("state").asText("INITIALIZED");
        String jobName = j.path("metadata").path("name").asText();
        String pelotonName = j.path("metadata").path("annotations")
            .path(PelotonJobConverter.PELOTON_NAME_ANNOTATION).asText(jobName);
        if (respool != null && !PelotonNames.trimPath(respool).equals(
            j.path("spec").path("respool").asText())) {
          continue;
        }
        if (!wanted.isEmpty() && !wanted.contains(state)) {
          continue;
        }
        if (name != null && !pelotonName.contains(name) && !jobName.contains(name)) {
          continue;
        }
        if (owner != null && !owner.equals(j.path("spec").path("owningTeam").asText())) {
          continue;
        }
        if (shown++ >= limit) {
          break;
        }
        JsonNode stats = j.path("status").path("taskStats");
        String completion = j.path("status").path("completionTime").asText("");
        t.add(List.of(jobName, pelotonName, j.path("spec").path("owningTeam").asText(""), state,
            j.path("metadata").path("creationTimestamp").asText(""),
            completion.isEmpty() ? "--" : completion, Fields.text(j, "spec.instanceCount"),
            stat(stats, "RUNNING"), stat(stats, "SUCCEEDED"), stat(stats, "FAILED"),
            stat(stats, "KILLED")));
      }
      t.render().forEach(out()::println);
      return ExitCodes.OK;
    }

    private static String stat(JsonNode stats, String state) {
      return Integer.toString(stats.path(state).asInt(0));
    }
  }

  /** {@code job delete JOB}. */
  @Command(name = "delete", description = "Delete the job.")
  public static final class Delete extends ClientCommand {
    @Parameters(paramLabel = "JOB")
    String job;

    @Mixin
    WaitOptions waiting;

    @Override
    protected int run() {
      ObjectNode o = JobNames.find(client(), namespace(), job);
      String name = o.path("metadata").path("name").asText();
      client().delete(ResourceTypes.JOB, namespace(), name);
      out().println("Job " + name + (waiting.wait ? " deleting" : " deleted"));
      if (waiting.wait) {
        waiting.progress(this, root().terminal()).awaitDeleted(name);
      }
      return ExitCodes.OK;
    }
  }
}
