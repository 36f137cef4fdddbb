package io.peloton.api.validation;

import static io.peloton.api.validation.JsonDefaults.object;
import static io.peloton.api.validation.StructuralCheck.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TaskStatus;

/** Task defaults and checks. */
final class TaskRules implements KindRules {
  @Override
  public void applyDefaults(ObjectNode object) {
    ObjectNode spec = object(object, "spec", false);
    if (spec == null) {
      return;
    }
    ObjectNode config = object(spec, "config", false);
    if (config != null) {
      TaskConfigRules.applyDefaults(config, true);
    }
    // A task's name follows from its job and instance.
    ObjectNode meta = object(object, "metadata", true);
    if (JsonDefaults.absent(meta, "name") && spec.path("job").isTextual()
        && spec.path("instance").canConvertToInt()) {
      meta.put("name", Task.nameOf(spec.path("job").asText(), spec.path("instance").asInt()));
    }
  }

  @Override
  public void validate(ApiObject object, FieldErrors errors) {
    Task task = (Task) object;
    TaskSpec spec = task.spec();
    if (spec == null) {
      errors.required("spec");
    } else {
      spec(task, spec, errors);
    }
    if (task.status() != null) {
      validateStatus(task.status(), errors);
    }
  }

  @Override
  public void validateStatus(Object status, FieldErrors errors) {
    status((TaskStatus) status, errors);
  }

  private static void spec(Task task, TaskSpec spec, FieldErrors errors) {
    if (spec.job() == null || spec.job().isEmpty()) {
      errors.required("spec.job");
    } else {
      errors.format("spec.job", spec.job(), NameFormats.dns1123Label(spec.job()));
    }
    if (spec.instance() == null) {
      errors.required("spec.instance");
    }
    errors.inRange("spec.instance", spec.instance(), 0, JobRules.MAX_INSTANCES - 1);
    String name = task.metadata() == null ? null : task.metadata().name();
    if (name != null && spec.job() != null && spec.instance() != null
        && !name.equals(Task.nameOf(spec.job(), spec.instance()))) {
      errors.invalid("metadata.name", name, "must be '" + Task.nameOf(spec.job(), spec.instance())
          + "' (<spec.job>-<spec.instance>)");
    }
    if (spec.config() == null) {
      errors.required("spec.config");
    } else {
      TaskConfigRules.validate("spec.config", spec.config(), null, errors);
      TaskConfigRules.validateComplete("spec.config", spec.config(), errors);
    }
    errors.nonNegative("spec.configGeneration", spec.configGeneration());
    if (spec.goalState() != null && !TaskState.GOAL_STATES.contains(spec.goalState())) {
      errors.notSupported("spec.goalState", spec.goalState(),
          TaskState.GOAL_STATES.stream().map(Enum::name).toList());
    }
    errors.nonNegative("spec.runId", spec.runId());
    errors.nonNegative("spec.priority", spec.priority());
    if (spec.respool() != null) {
      errors.format("spec.respool", spec.respool(), NameFormats.poolPath(spec.respool()));
    }
    host("spec.host", spec.host(), errors);
    host("spec.desiredHost", spec.desiredHost(), errors);
  }

  private static void host(String path, String host, FieldErrors errors) {
    if (host != null && host.isBlank()) {
      errors.invalid(path, host, "must be a host name, or be left out");
    }
  }

  private static void status(TaskStatus s, FieldErrors errors) {
    errors.nonNegative("status.runId", s.runId());
    errors.nonNegative("status.failureCount", s.failureCount());
    if (s.ports() != null) {
      s.ports().forEach((name, port) -> errors.inRange(index("status.ports", name), port, 1, 65535));
    }
    MetadataRules.timestamp("status.startTime", s.startTime(), errors);
    MetadataRules.timestamp("status.completionTime", s.completionTime(), errors);
    if (s.terminationStatus() != null) {
      errors.nonNegative("status.terminationStatus.signal", s.terminationStatus().signal());
    }
    MetadataRules.conditions("status.conditions", s.conditions(), errors);
    errors.nonNegative("status.observedGeneration", s.observedGeneration());
  }

}
