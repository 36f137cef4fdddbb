package io.peloton.scheduler.service;

import io.peloton.api.task.Task;

/**
 * The {@code Scheduled} condition a Task should carry, to be written against {@code resourceVersion}
 * (the Task's version when the decision was made, or after this cycle's binding).
 */
public record ConditionUpdate(String taskId, Task task, String resourceVersion, boolean scheduled, String reason,
    String message) {}
