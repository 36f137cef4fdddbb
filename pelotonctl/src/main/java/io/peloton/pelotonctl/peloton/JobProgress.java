package io.peloton.pelotonctl.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.informer.Informer;
import io.peloton.client.informer.InformerConfig;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.command.Timeouts;
import io.peloton.pelotonctl.output.ProgressLine;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until a stop or a delete of a job is done ({@code job stop|delete --wait}), showing how
 * many tasks are left. Reads the Job once a second; a big job's tasks are never listed more
 * than once, so the wait itself does not load the server.
 */
final class JobProgress {
  private static final Duration POLL = Duration.ofSeconds(1);

  private final ApiClient client;
  private final String namespace;
  private final ProgressLine line;
  private final Duration timeout;

  JobProgress(ApiClient client, String namespace, ProgressLine line, Duration timeout) {
    this.client = client;
    this.namespace = namespace;
    this.line = line;
    this.timeout = timeout;
  }

  /** Until no task of the job is left running: from the job's task counts. */
  void awaitStopped(String job) {
    Instant deadline = deadline();
    while (true) {
      JsonNode stats = client.get(ResourceTypes.JOB, namespace, job).path("status")
          .path("taskStats");
      int remaining = 0;
      for (TaskState s : TaskState.values()) {
        if (!s.isTerminal()) {
          remaining += stats.path(s.name()).asInt(0);
        }
      }
      int killed = stats.path(TaskState.KILLED.name()).asInt(0);
      String text = "job " + job + ": " + remaining + " tasks remaining, " + killed + " killed";
      if (remaining == 0) {
        line.done(text + " - stopped");
        return;
      }
      line.show(text);
      pause(deadline, "stopped");
    }
  }

  /**
   * Until the Job is gone: from the number of its Tasks still stored, kept by an informer (one
   * list, then watch events) rather than by listing a big job's tasks again and again.
   */
  void awaitDeleted(String job) {
    Instant deadline = deadline();
    InformerConfig byJob = InformerConfig.defaults().inNamespace(namespace)
        .withFieldSelector("spec.job=" + job);
    try (Informer<Task> tasks = new Informer<>(client.typed(Task.class), byJob).start()) {
      while (true) {
        try {
          client.get(ResourceTypes.JOB, namespace, job);
        } catch (ApiError e) {
          if (e.isNotFound()) {
            line.done("job " + job + ": deleted");
            return;
          }
          throw e;
        }
        if (tasks.hasSynced()) {
          // a big job's tasks are first all marked (goal DELETED), then killed and removed: the
          // marked count moves while none is gone yet
          int marked = 0;
          for (Task t : tasks.cache().list()) {
            marked += t.metadata().deletionTimestamp() != null || t.spec() != null
                && t.spec().goalState() == TaskState.DELETED ? 1 : 0;
          }
          line.show("job " + job + ": " + tasks.cache().size() + " tasks remaining, " + marked
              + " being killed");
        }
        pause(deadline, "deleted");
      }
    }
  }

  private Instant deadline() {
    return timeout.isZero() ? Instant.MAX : Instant.now().plus(timeout);
  }

  private void pause(Instant deadline, String goal) {
    if (Instant.now().isAfter(deadline)) {
      throw new CliException("timed out after " + timeout.getSeconds() + "s waiting for the job "
          + "to be " + goal);
    }
    Timeouts.pause(POLL);
  }
}
