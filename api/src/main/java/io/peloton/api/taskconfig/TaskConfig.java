package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import java.util.List;
import java.util.Map;

/**
 * How to run one task, as Peloton's {@code TaskConfig}: a job's {@code defaultConfig}, a
 * per-instance override in {@code instanceConfig}, or the resolved config of a Task.
 *
 * @param env environment variables added to the command's own environment
 * @param labels task labels, matched by TASK-kind label constraints of other tasks
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TaskConfig(
    String name,
    Map<String, String> labels,
    TaskResources resource,
    Command command,
    Container container,
    List<EnvVar> env,
    List<Port> ports,
    Constraint constraint,
    RestartPolicy restartPolicy,
    HealthCheck healthCheck,
    List<Volume> volumes,
    Integer killGracePeriodSeconds,
    PreemptionPolicy preemptionPolicy,
    Boolean controller,
    Boolean revocable) {

  public TaskConfig {
    labels = Frozen.map(labels);
    env = Frozen.list(env);
    ports = Frozen.list(ports);
    volumes = Frozen.list(volumes);
  }

  /**
   * This config with {@code override}'s non-null fields taken over whole (Peloton's top-level,
   * non-recursive merge of instanceConfig onto defaultConfig).
   */
  public TaskConfig mergedWith(TaskConfig override) {
    if (override == null) {
      return this;
    }
    return new TaskConfig(
        pick(override.name, name), pick(override.labels, labels),
        pick(override.resource, resource), pick(override.command, command),
        pick(override.container, container), pick(override.env, env),
        pick(override.ports, ports), pick(override.constraint, constraint),
        pick(override.restartPolicy, restartPolicy), pick(override.healthCheck, healthCheck),
        pick(override.volumes, volumes),
        pick(override.killGracePeriodSeconds, killGracePeriodSeconds),
        pick(override.preemptionPolicy, preemptionPolicy), pick(override.controller, controller),
        pick(override.revocable, revocable));
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }

  /** True when this task runs as the job's controller (only instance 0 may). */
  @JsonIgnore
  public boolean isController() {
    return Boolean.TRUE.equals(controller);
  }
}
