package io.peloton.pelotonctl.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.ShownState;
import io.peloton.api.task.Task;

/**
 * The state every view prints for a Task ({@code get tasks}, {@code task list}, {@code describe}):
 * {@link ShownState}, the rule job status counts by, so one task reads the same everywhere.
 */
public final class TaskStates {
  private TaskStates() {}

  public static String of(JsonNode task) {
    Task t;
    try {
      t = Codecs.trustedJson().treeToValue(task, Task.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // not a Task the API server would have answered: show what it says
      return task.path("status").path("state").asText("UNKNOWN");
    }
    return t.spec() == null ? "UNKNOWN" : ShownState.of(t).name();
  }
}
