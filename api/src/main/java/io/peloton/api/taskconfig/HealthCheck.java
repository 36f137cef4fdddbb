package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A periodic health probe of a running task, as Peloton's {@code HealthCheckConfig}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCheck(
    Boolean enabled,
    HealthCheckType type,
    Integer initialIntervalSecs,
    Integer intervalSecs,
    Integer maxConsecutiveFailures,
    Integer timeoutSecs,
    CommandCheck commandCheck,
    HttpCheck httpCheck) {

  /** What kind of probe runs. */
  public enum HealthCheckType { COMMAND, HTTP, GRPC }

  /** A shell command that must exit 0. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CommandCheck(String command, Boolean unshareEnvironments) {}

  /** An HTTP GET that must answer 2xx. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HttpCheck(String scheme, Integer port, String path) {}
}
