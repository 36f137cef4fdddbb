package io.peloton.pelotonctl.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.client.ApiError;
import io.peloton.client.ListOptions;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.command.ClientCommand;
import io.peloton.pelotonctl.output.PelotonTable;
import io.peloton.pelotonctl.output.TaskStates;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Peloton's {@code task} verbs over Task objects ({@code <job>-<instance>}). */
@Command(name = "task", description = "Peloton task verbs: list JOB, get JOB INSTANCE, query JOB, "
    + "logs JOB INSTANCE.",
    subcommands = {TaskCommand.ListTasks.class, TaskCommand.Get.class, TaskCommand.Query.class,
        TaskLogsCommand.class})
public final class TaskCommand {
  static final List<String> HEADERS = List.of("Instance", "Name", "State", "Healthy",
      "Start Time", "Run Time", "Host", "Message", "Reason", "Termination Status");

  /** {@code task list JOB [-r from:to]}. */
  @Command(name = "list", description = "List the job's tasks in Peloton's table.")
  public static final class ListTasks extends ClientCommand {
    @Parameters(paramLabel = "JOB")
    String job;

    @Option(names = {"-r", "--range"}, description = "Instances from:to (half-open; ':' = all).")
    String range;

    @Override
    protected int run() {
      int[] r = range(range);
      print(this, tasks(this, job).stream().filter(t -> {
        int i = t.path("spec").path("instance").asInt();
        return i >= r[0] && i < r[1];
      }).toList());
      return ExitCodes.OK;
    }
  }

  /** {@code task query JOB [-s states] [--names] [--hosts]}. */
  @Command(name = "query", description = "List the job's tasks matching states, names or hosts.")
  public static final class Query extends ClientCommand {
    @Parameters(paramLabel = "JOB")
    String job;

    @Option(names = {"-s", "--states"}, split = ",", description = "Task states, e.g. RUNNING,FAILED.")
    List<String> states;

    @Option(names = "--names", split = ",", description = "Task names.")
    List<String> names;

    @Option(names = "--hosts", split = ",", description = "Hosts.")
    List<String> hosts;

    @Option(names = "--limit", defaultValue = "0", description = "At most this many (0: all).")
    int limit;

    @Override
    protected int run() {
      Set<String> s = states == null ? Set.of() : states.stream()
          .map(x -> x.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
      List<ObjectNode> found = tasks(this, job).stream()
          .filter(t -> s.isEmpty() || s.contains(state(t)))
          .filter(t -> names == null || names.contains(t.path("spec").path("config").path("name").asText()))
          .filter(t -> hosts == null || hosts.contains(host(t)))
          .limit(limit > 0 ? limit : Long.MAX_VALUE).toList();
      print(this, found);
      return ExitCodes.OK;
    }
  }

  /** {@code task get JOB INSTANCE}. */
  @Command(name = "get", description = "Print one task (YAML).")
  public static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "JOB")
    String job;

    @Parameters(index = "1", paramLabel = "INSTANCE")
    int instance;

    @Override
    protected int run() {
      String name = JobNames.find(client(), namespace(), job).path("metadata").path("name")
          .asText() + "-" + instance;
      try {
        RespoolCommand.print(this, client().get(ResourceTypes.TASK, namespace(), name), "yaml");
      } catch (ApiError e) {
        if (e.isNotFound()) {
          throw new CliException("task " + name + " not found");
        }
        throw e;
      }
      return ExitCodes.OK;
    }
  }

  static List<ObjectNode> tasks(ClientCommand cmd, String jobId) {
    ClientCommand a = cmd;
    String name = JobNames.find(a.client(), a.namespace(), jobId).path("metadata").path("name")
        .asText();
    return a.client().list(ResourceTypes.TASK, a.namespace(),
        ListOptions.all().withFieldSelector("spec.job=" + name)).items().stream()
        .sorted(Comparator.comparingInt(t -> t.path("spec").path("instance").asInt()))
        .toList();
  }

  static void print(ClientCommand cmd, List<ObjectNode> tasks) {
    PelotonTable t = new PelotonTable(HEADERS);
    Instant now = Instant.now();
    for (ObjectNode task : tasks) {
      JsonNode st = task.path("status");
      String reason = st.path("terminationStatus").path("reason").asText("");
      t.add(List.of(task.path("spec").path("instance").asText(),
          task.path("spec").path("config").path("name").asText(""), state(task),
          st.path("healthy").asText(""), st.path("startTime").asText(""),
          runTime(st.path("startTime").asText(""), st.path("completionTime").asText(""), now),
          host(task), st.path("message").asText(""), st.path("reason").asText(""), reason));
    }
    t.render().forEach(cmd.spec().commandLine().getOut()::println);
  }

  static String state(JsonNode task) {
    return TaskStates.of(task);
  }

  static String host(JsonNode task) {
    String h = task.path("status").path("host").asText("");
    return h.isEmpty() ? task.path("spec").path("host").asText("") : h;
  }

  /** HH:MM:SS from start to completion (or now); empty before the task started. */
  static String runTime(String start, String end, Instant now) {
    if (start.isEmpty()) {
      return "";
    }
    try {
      Instant s = Instant.parse(start);
      Instant e = end.isEmpty() ? now : Instant.parse(end);
      long secs = Math.max(0, Duration.between(s, e).getSeconds());
      return String.format("%02d:%02d:%02d", secs / 3600, (secs % 3600) / 60, secs % 60);
    } catch (DateTimeParseException ex) {
      return "";
    }
  }

  /** Peloton's {@code from:to} instance range, half-open; ':' or absent means all. */
  static int[] range(String r) {
    if (r == null || r.isBlank() || r.equals(":")) {
      return new int[] {0, Integer.MAX_VALUE};
    }
    String[] parts = r.split(":", -1);
    try {
      if (parts.length != 2) {
        throw new NumberFormatException();
      }
      int from = parts[0].isEmpty() ? 0 : Integer.parseInt(parts[0]);
      int to = parts[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(parts[1]);
      return new int[] {from, to};
    } catch (NumberFormatException e) {
      throw new CliException("invalid --range '" + r + "': use from:to, e.g. 0:10",
          ExitCodes.USAGE);
    }
  }
}
