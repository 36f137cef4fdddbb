package io.peloton.mesos.sim.agent;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos;

/**
 * How long a simulated task runs and how it ends, read from labels
 * ({@code mesos-sim/duration-seconds}, {@code mesos-sim/exit-code}) or from the command's
 * {@code sleep N} and {@code exit K}.
 *
 * @param durationMillis negative means "runs until killed"
 */
public record SimulatedOutcome(long durationMillis, int exitCode) {
  public static final String DURATION_LABEL = "mesos-sim/duration-seconds";
  public static final String EXIT_CODE_LABEL = "mesos-sim/exit-code";
  private static final Pattern SLEEP = Pattern.compile("\\bsleep\\s+(infinity|[0-9]+(?:\\.[0-9]+)?)");
  private static final Pattern EXIT = Pattern.compile("\\bexit\\s+([0-9]+)");

  // tasks of one job share a command: parse each command once (bounded)
  private static final java.util.Map<String, SimulatedOutcome> BY_COMMAND = new java.util.concurrent.ConcurrentHashMap<>();

  /** Reads the outcome of a task. */
  public static SimulatedOutcome of(Protos.TaskInfo task, Protos.CommandInfo command) {
    boolean labelled = task.getLabels().getLabelsList().stream()
        .anyMatch(l -> l.getKey().equals(DURATION_LABEL) || l.getKey().equals(EXIT_CODE_LABEL));
    if (!labelled && command != null && command.getArgumentsCount() == 0) {
      SimulatedOutcome cached = BY_COMMAND.get(command.getValue());
      if (cached == null) {
        cached = parse(task, command);
        if (BY_COMMAND.size() > 10_000) {
          BY_COMMAND.clear();
        }
        BY_COMMAND.put(command.getValue(), cached);
      }
      return cached;
    }
    return parse(task, command);
  }

  private static SimulatedOutcome parse(Protos.TaskInfo task, Protos.CommandInfo command) {
    double seconds = 0;
    int exit = 0;
    String text = command == null ? "" : command.getValue() + " " + String.join(" ", command.getArgumentsList());
    Matcher sleep = SLEEP.matcher(text);
    while (sleep.find()) {
      if (sleep.group(1).equals("infinity")) {
        seconds = Double.POSITIVE_INFINITY;
      } else {
        seconds += Double.parseDouble(sleep.group(1));
      }
    }
    Matcher exitMatcher = EXIT.matcher(text);
    while (exitMatcher.find()) {
      exit = Integer.parseInt(exitMatcher.group(1));
    }
    for (Protos.Label label : task.getLabels().getLabelsList()) {
      try {
        if (label.getKey().equals(DURATION_LABEL)) {
          seconds = label.getValue().equals("infinity") ? Double.POSITIVE_INFINITY : Double.parseDouble(label.getValue());
        } else if (label.getKey().equals(EXIT_CODE_LABEL)) {
          exit = Integer.parseInt(label.getValue());
        }
      } catch (NumberFormatException ignored) {
        // a malformed label falls back to the command's values
      }
    }
    long millis = Double.isInfinite(seconds) ? -1 : (long) (seconds * 1000);
    return new SimulatedOutcome(millis, exit);
  }
}
