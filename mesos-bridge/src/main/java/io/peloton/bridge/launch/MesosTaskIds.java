package io.peloton.bridge.launch;

import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.meta.OwnerReference;
import io.peloton.api.task.Task;

/** Names Mesos tasks {@code <job-uid>-<instance>-<runId>}, as the task-lifecycle contract says. */
public final class MesosTaskIds {
  private MesosTaskIds() {}

  /** The Mesos task ID of run {@code runId} of {@code task}. */
  public static String of(Task task, int runId) {
    return jobUid(task) + "-" + task.spec().instance() + "-" + runId;
  }

  /** The owning Job's uid (the controller owner reference), else the Task's own uid. */
  static String jobUid(Task task) {
    ObjectMeta m = task.metadata();
    if (m.ownerReferences() != null) {
      for (OwnerReference ref : m.ownerReferences()) {
        if ("Job".equals(ref.kind()) && ref.uid() != null) {
          return ref.uid();
        }
      }
    }
    return m.uid() != null ? m.uid() : m.namespace() + "-" + m.name();
  }

  /** The part of a Mesos task ID shared by every run of one Task: {@code <job-uid>-<instance>}. */
  public static String runPrefix(Task task) {
    return jobUid(task) + "-" + task.spec().instance();
  }

  /** The prefix of a Mesos task ID (everything before the last '-'), or null if malformed. */
  public static String prefixOf(String mesosTaskId) {
    int dash = mesosTaskId.lastIndexOf('-');
    return dash <= 0 ? null : mesosTaskId.substring(0, dash);
  }

  /** The run number at the end of a Mesos task ID, or -1 if malformed. */
  public static int runOf(String mesosTaskId) {
    int dash = mesosTaskId.lastIndexOf('-');
    try {
      return dash < 0 ? -1 : Integer.parseInt(mesosTaskId.substring(dash + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
