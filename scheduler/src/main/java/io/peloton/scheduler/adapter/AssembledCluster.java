package io.peloton.scheduler.adapter;

import io.peloton.api.task.Task;
import io.peloton.scheduler.model.ClusterSnapshot;
import java.util.Map;

/**
 * A snapshot for one cycle plus the API objects behind it, so decisions (keyed by model id
 * {@code namespace/name}, or pool path) can be written back against the versions they were made on.
 *
 * @param pending pending Tasks that made it into the snapshot, by id
 * @param holding Tasks holding resources on a host (bound or running), by id
 * @param invalid pending Tasks that could not be read, by id, with the field at fault and why
 * @param invalidTasks the Task objects behind {@code invalid}
 * @param rejectedHosts Host objects left out, by name, with why
 */
public record AssembledCluster(
    ClusterSnapshot snapshot, Map<String, Task> pending, Map<String, Task> holding, Map<String, String> invalid,
    Map<String, Task> invalidTasks, PoolForest pools, Map<String, String> rejectedHosts) {}
