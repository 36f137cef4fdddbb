package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import java.util.List;

/**
 * The container a task runs in: the Mesos containerizer (optionally with an image) or Docker.
 *
 * @param image image name, e.g. {@code debian:12}; required for DOCKER
 * @param docker Docker-only options
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Container(ContainerType type, String image, DockerOptions docker) {

  /** Options only the Docker containerizer understands. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record DockerOptions(
      DockerNetwork network,
      List<Parameter> parameters,
      Boolean privileged,
      Boolean forcePullImage) {
    public DockerOptions {
      parameters = Frozen.list(parameters);
    }
  }

  /** A {@code docker run} option, e.g. key {@code env}, value {@code A=b}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Parameter(String key, String value) {}

  /** Which Mesos containerizer runs the task. */
  public enum ContainerType { MESOS, DOCKER }

  /** Docker network mode. */
  public enum DockerNetwork { HOST, BRIDGE, NONE, USER }
}
