package io.peloton.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where one run's sandbox is, so its files can be read through the agent without a client
 * reaching the agent: the API server's {@code log} subresource reads {@code /files/read} at
 * {@code agentUrl} for {@code directory + "/stdout"} (or {@code stderr}).
 *
 * @param runId the run this sandbox belongs to
 * @param host the agent's hostname
 * @param agentUrl the agent's HTTP endpoint, e.g. {@code http://10.0.0.5:5051}
 * @param directory the sandbox path as the agent's {@code /files} API knows it (Mesos' virtual
 *     {@code /frameworks/<fw>/executors/<executor>/runs/latest})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSandbox(Integer runId, String host, String agentUrl, String directory) {
  /** How many earlier runs' sandboxes a Task keeps in {@code status.previousRuns}. */
  public static final int KEPT_PREVIOUS_RUNS = 5;

  /** Mesos' virtual path of an executor's latest run, attached by every agent. */
  public static String mesosDirectory(String frameworkId, String executorId) {
    return "/frameworks/" + frameworkId + "/executors/" + executorId + "/runs/latest";
  }
}
