package io.peloton.mesos.sim.agent;

import java.nio.file.Path;
import org.apache.mesos.v1.Protos;

/**
 * What an executor needs to run one task.
 *
 * @param command the command to run (the task's, or its executor's for custom executors)
 * @param sandbox the per-task sandbox directory (created by the process executor)
 * @param checkpoint the framework asked for checkpointing (FrameworkInfo.checkpoint): a restarted
 *     agent recovers the task when it has a data directory
 */
public record TaskLaunch(String agentId, String frameworkId, String executorId,
                         Protos.TaskInfo task, Protos.CommandInfo command, Path sandbox,
                         boolean checkpoint) {}
