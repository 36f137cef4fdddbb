package io.peloton.mesos.sim.agent;

import java.nio.file.Path;
import org.apache.mesos.v1.Protos;

/**
 * What an executor needs to run one task.
 *
 * @param command the command to run (the task's, or its executor's for custom executors)
 * @param sandbox the per-task sandbox directory (created by the process executor)
 */
public record TaskLaunch(String agentId, String frameworkId, Protos.TaskInfo task, Protos.CommandInfo command,
                         Path sandbox) {}
