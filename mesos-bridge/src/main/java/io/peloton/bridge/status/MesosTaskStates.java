package io.peloton.bridge.status;

import io.peloton.api.task.TaskState;
import io.peloton.api.task.TerminationStatus;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.mesos.v1.Protos;

/** Translates Mesos task states and outcomes into Peloton's. */
public final class MesosTaskStates {
  private static final Pattern EXIT = Pattern.compile("(?:exited with status|exit status|exit code)\\s+(-?\\d+)");
  private static final Pattern SIGNAL = Pattern.compile("(?:terminated with signal|signal)\\s+(\\d+)");

  private MesosTaskStates() {}

  /** The Peloton state a Mesos task state stands for. */
  public static TaskState toPeloton(Protos.TaskState state) {
    return switch (state) {
      case TASK_STAGING -> TaskState.LAUNCHED;
      case TASK_STARTING -> TaskState.STARTING;
      case TASK_RUNNING -> TaskState.RUNNING;
      case TASK_KILLING -> TaskState.KILLING;
      case TASK_FINISHED -> TaskState.SUCCEEDED;
      case TASK_FAILED, TASK_ERROR -> TaskState.FAILED;
      case TASK_KILLED -> TaskState.KILLED;
      // Peloton treats every "Mesos lost track of it" state as LOST; the job controller restarts
      case TASK_LOST, TASK_DROPPED, TASK_GONE, TASK_GONE_BY_OPERATOR, TASK_UNREACHABLE,
          TASK_UNKNOWN -> TaskState.LOST;
    };
  }

  /** How a terminal update ended the run; null for non-terminal states. */
  public static TerminationStatus termination(Protos.TaskStatus status) {
    TaskState s = toPeloton(status.getState());
    if (!s.isTerminal()) {
      return null;
    }
    String message = status.getMessage();
    Integer exit = find(EXIT, message);
    Integer signal = find(SIGNAL, message);
    return switch (s) {
      case SUCCEEDED -> new TerminationStatus(null, exit == null ? 0 : exit, null);
      case KILLED -> new TerminationStatus(TerminationStatus.Reason.KILLED_ON_REQUEST, exit,
          signal);
      default -> new TerminationStatus(TerminationStatus.Reason.FAILED, exit, signal);
    };
  }

  private static Integer find(Pattern p, String text) {
    if (text == null) {
      return null;
    }
    Matcher m = p.matcher(text);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }
}
