package io.peloton.api.validation;

import static io.peloton.api.validation.JsonDefaults.absent;
import static io.peloton.api.validation.JsonDefaults.array;
import static io.peloton.api.validation.JsonDefaults.object;
import static io.peloton.api.validation.JsonDefaults.setIfAbsent;
import static io.peloton.api.validation.StructuralCheck.child;
import static io.peloton.api.validation.StructuralCheck.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.taskconfig.Command;
import io.peloton.api.taskconfig.Constraint;
import io.peloton.api.taskconfig.Container;
import io.peloton.api.taskconfig.EnvVar;
import io.peloton.api.taskconfig.HealthCheck;
import io.peloton.api.taskconfig.LabelConstraint;
import io.peloton.api.taskconfig.Port;
import io.peloton.api.taskconfig.RestartPolicy;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.api.taskconfig.TaskResources;
import io.peloton.api.taskconfig.Volume;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Defaults and checks of a task config, shared by Job (default and per-instance) and Task. */
final class TaskConfigRules {
  /** Seconds between SIGTERM and SIGKILL when unset (Peloton's proto comment). */
  static final int DEFAULT_KILL_GRACE_PERIOD_SECONDS = 30;
  private static final int MAX_CONSTRAINT_DEPTH = 16;

  private TaskConfigRules() {}

  /**
   * Fills defaults inside a config. Only a complete config (a job's defaultConfig, a Task's
   * resolved config) gets top-level defaults: in an instance override they would replace the
   * default config's values during the merge.
   */
  static void applyDefaults(ObjectNode cfg, boolean complete) {
    if (complete) {
      setIfAbsent(cfg, "killGracePeriodSeconds", DEFAULT_KILL_GRACE_PERIOD_SECONDS);
      setIfAbsent(object(cfg, "restartPolicy", true), "maxFailures", 0);
    }
    ObjectNode command = object(cfg, "command", false);
    if (command != null) {
      setIfAbsent(command, "shell", true);
    }
    ObjectNode container = object(cfg, "container", false);
    if (container != null) {
      setIfAbsent(container, "type", absent(container, "docker") ? "MESOS" : "DOCKER");
    }
    ObjectNode health = object(cfg, "healthCheck", false);
    if (health != null) {
      defaultHealthCheck(health);
    }
    ObjectNode constraint = object(cfg, "constraint", false);
    if (constraint != null) {
      defaultConstraint(constraint, 0);
    }
    ArrayNode volumes = array(cfg, "volumes");
    if (volumes != null) {
      for (JsonNode v : volumes) {
        if (v.isObject()) {
          ObjectNode vol = (ObjectNode) v;
          if (!absent(vol, "hostPath")) {
            setIfAbsent(vol, "type", "HOST_PATH");
          }
          setIfAbsent(vol, "mode", "RW");
        }
      }
    }
  }

  private static void defaultHealthCheck(ObjectNode health) {
    setIfAbsent(health, "enabled", true);
    if (absent(health, "type")) {
      if (!absent(health, "commandCheck")) {
        health.put("type", "COMMAND");
      } else if (!absent(health, "httpCheck")) {
        health.put("type", "HTTP");
      }
    }
    // Mesos' own defaults, which Peloton documents for its health checks.
    setIfAbsent(health, "initialIntervalSecs", 15);
    setIfAbsent(health, "intervalSecs", 10);
    setIfAbsent(health, "maxConsecutiveFailures", 3);
    setIfAbsent(health, "timeoutSecs", 20);
    ObjectNode http = object(health, "httpCheck", false);
    if (http != null) {
      setIfAbsent(http, "scheme", "http");
      setIfAbsent(http, "path", "/");
    }
  }

  private static void defaultConstraint(ObjectNode c, int depth) {
    if (depth > MAX_CONSTRAINT_DEPTH) {
      return;
    }
    boolean label = !absent(c, "labelConstraint");
    boolean and = !absent(c, "andConstraint");
    boolean or = !absent(c, "orConstraint");
    if (absent(c, "type") && (label ? 1 : 0) + (and ? 1 : 0) + (or ? 1 : 0) == 1) {
      c.put("type", label ? "LABEL" : and ? "AND" : "OR");
    }
    for (String junction : new String[] {"andConstraint", "orConstraint"}) {
      ObjectNode j = object(c, junction, false);
      ArrayNode subs = j == null ? null : array(j, "constraints");
      if (subs != null) {
        for (JsonNode sub : subs) {
          if (sub.isObject()) {
            defaultConstraint((ObjectNode) sub, depth + 1);
          }
        }
      }
    }
  }

  /** The checks one config must pass on its own, wherever it appears. */
  static void validate(String path, TaskConfig cfg, JobType jobType, FieldErrors errors) {
    if (cfg == null) {
      return;
    }
    if (cfg.labels() != null) {
      // Task labels only feed TASK constraints; Peloton allows any value, so only keys are checked.
      cfg.labels().keySet().forEach(k -> {
        if (k.isEmpty()) {
          errors.invalid(index(child(path, "labels"), k), k, "a label key must not be empty");
        }
      });
    }
    // each part is checked (and its path built) only when present: a config is checked on every
    // write
    if (cfg.resource() != null) {
      resources(child(path, "resource"), cfg.resource(), errors);
    }
    if (cfg.command() != null) {
      command(child(path, "command"), cfg.command(), errors);
    }
    if (cfg.container() != null) {
      container(child(path, "container"), cfg.container(), errors);
    }
    if (cfg.env() != null) {
      for (int i = 0; i < cfg.env().size(); i++) {
        envVar(path, "env", i, cfg.env().get(i), errors);
      }
    }
    if (cfg.ports() != null) {
      ports(child(path, "ports"), cfg.ports(), errors);
    }
    if (cfg.constraint() != null) {
      constraint(child(path, "constraint"), cfg.constraint(), 0, errors);
    }
    RestartPolicy restart = cfg.restartPolicy();
    if (restart != null) {
      errors.inRange(path, "restartPolicy.maxFailures", restart.maxFailures(), 0,
          RestartPolicy.MAX_FAILURES_LIMIT);
    }
    if (cfg.healthCheck() != null) {
      healthCheck(child(path, "healthCheck"), cfg.healthCheck(), jobType, errors);
    }
    if (cfg.volumes() != null) {
      volumes(child(path, "volumes"), cfg.volumes(), errors);
    }
    errors.nonNegative(path, "killGracePeriodSeconds", cfg.killGracePeriodSeconds());
    if (cfg.preemptionPolicy() != null && jobType != null && jobType != JobType.BATCH
        && Boolean.TRUE.equals(cfg.preemptionPolicy().killOnPreempt())) {
      errors.invalid(child(path, "preemptionPolicy.killOnPreempt"), true,
          "must be false for " + jobType + " jobs (preempted instances are rescheduled)");
    }
  }

  /** The fields every resolved config needs: a command and resources. */
  static void validateComplete(String path, TaskConfig cfg, FieldErrors errors) {
    if (cfg.command() == null) {
      errors.required(child(path, "command"));
    }
    if (cfg.resource() == null) {
      errors.required(child(path, "resource"));
    }
  }

  private static void resources(String path, TaskResources r, FieldErrors errors) {
    if (r.cpuLimit() == null) {
      errors.required(child(path, "cpuLimit"));
    }
    errors.positive(path, "cpuLimit", r.cpuLimit());
    if (r.memLimitMb() == null) {
      errors.required(child(path, "memLimitMb"));
    }
    errors.positive(path, "memLimitMb", r.memLimitMb());
    errors.nonNegative(path, "diskLimitMb", r.diskLimitMb());
    errors.nonNegative(path, "gpuLimit", r.gpuLimit());
    if (r.gpuLimit() != null && r.gpuLimit() != Math.floor(r.gpuLimit())) {
      errors.invalid(child(path, "gpuLimit"), r.gpuLimit(), "must be a whole number of GPUs");
    }
    errors.nonNegative(path, "fdLimit", r.fdLimit());
  }

  private static void command(String path, Command c, FieldErrors errors) {
    if (c.value() == null || c.value().isBlank()) {
      errors.required(child(path, "value"), Boolean.FALSE.equals(c.shell())
          ? "the executable to run" : "the shell command line to run");
    }
    if (c.uris() != null) {
      for (int i = 0; i < c.uris().size(); i++) {
        if (c.uris().get(i).value() == null || c.uris().get(i).value().isBlank()) {
          errors.required(child(index(child(path, "uris"), i), "value"));
        }
      }
    }
    if (c.environment() != null && c.environment().variables() != null) {
      for (int i = 0; i < c.environment().variables().size(); i++) {
        envVar(path, "environment.variables", i, c.environment().variables().get(i), errors);
      }
    }
  }

  /** The {@code i}-th variable of the list {@code list} under {@code parent}. */
  private static void envVar(String parent, String list, int i, EnvVar v, FieldErrors errors) {
    String problem = v.name() == null || v.name().isEmpty() ? "" : NameFormats.envVarName(v.name());
    if (problem == null) {
      return;
    }
    String name = child(index(child(parent, list), i), "name");
    if (problem.isEmpty()) {
      errors.required(name);
    } else {
      errors.invalid(name, v.name(), problem);
    }
  }

  private static void container(String path, Container c, FieldErrors errors) {
    if (c.type() == Container.ContainerType.DOCKER && (c.image() == null || c.image().isBlank())) {
      errors.required(child(path, "image"), "the Docker containerizer needs an image");
    }
    if (c.docker() != null && c.type() != Container.ContainerType.DOCKER) {
      errors.forbidden(child(path, "docker"), "may only be set when type is DOCKER");
    }
    if (c.docker() != null && c.docker().parameters() != null) {
      for (int i = 0; i < c.docker().parameters().size(); i++) {
        Container.Parameter p = c.docker().parameters().get(i);
        if (p.key() == null || p.key().isBlank()) {
          errors.required(child(index(child(path, "docker.parameters"), i), "key"));
        }
      }
    }
  }

  private static void ports(String path, List<Port> ports, FieldErrors errors) {
    Set<String> names = new HashSet<>();
    Set<Integer> values = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      Port p = ports.get(i);
      String at = index(path, i);
      if (p.name() == null || p.name().isEmpty()) {
        errors.required(child(at, "name"));
      } else if (!names.add(p.name())) {
        errors.duplicate(child(at, "name"), p.name());
      }
      errors.inRange(at, "value", p.value(), 0, 65535);
      if (p.isDynamic()) {
        if (p.envName() == null || p.envName().isEmpty()) {
          errors.required(child(at, "envName"),
              "a dynamic port (no value) is passed to the task in this environment variable");
        }
      } else if (!values.add(p.value())) {
        errors.duplicate(child(at, "value"), p.value());
      }
      if (p.envName() != null && !p.envName().isEmpty()) {
        errors.format(child(at, "envName"), p.envName(), NameFormats.envVarName(p.envName()));
      }
    }
  }

  static void constraint(String path, Constraint c, int depth, FieldErrors errors) {
    if (depth > MAX_CONSTRAINT_DEPTH) {
      errors.invalid(path, "...", "must not nest more than " + MAX_CONSTRAINT_DEPTH + " levels");
      return;
    }
    if (c.type() == null) {
      errors.required(child(path, "type"),
          "one of 'LABEL', 'AND', 'OR' (it can only be inferred when exactly one of "
              + "labelConstraint, andConstraint, orConstraint is set)");
      return;
    }
    String label = child(path, "labelConstraint");
    String and = child(path, "andConstraint");
    String or = child(path, "orConstraint");
    switch (c.type()) {
      case LABEL -> {
        forbidIf(c.andConstraint() != null, and, "LABEL", errors);
        forbidIf(c.orConstraint() != null, or, "LABEL", errors);
        if (c.labelConstraint() == null) {
          errors.required(label);
        } else {
          labelConstraint(label, c.labelConstraint(), errors);
        }
      }
      case AND -> {
        forbidIf(c.labelConstraint() != null, label, "AND", errors);
        forbidIf(c.orConstraint() != null, or, "AND", errors);
        junction(and, c.andConstraint(), depth, errors);
      }
      case OR -> {
        forbidIf(c.labelConstraint() != null, label, "OR", errors);
        forbidIf(c.andConstraint() != null, and, "OR", errors);
        junction(or, c.orConstraint(), depth, errors);
      }
      default -> throw new IllegalStateException(c.type().name());
    }
  }

  private static void forbidIf(boolean set, String path, String type, FieldErrors errors) {
    if (set) {
      errors.forbidden(path, "must not be set when type is " + type);
    }
  }

  private static void junction(
      String path, Constraint.Junction j, int depth, FieldErrors errors) {
    if (j == null || j.constraints() == null || j.constraints().isEmpty()) {
      errors.required(child(path, "constraints"), "at least one constraint");
      return;
    }
    for (int i = 0; i < j.constraints().size(); i++) {
      constraint(index(child(path, "constraints"), i), j.constraints().get(i), depth + 1, errors);
    }
  }

  private static void labelConstraint(String path, LabelConstraint lc, FieldErrors errors) {
    if (lc.kind() == null) {
      errors.required(child(path, "kind"), "'HOST' (host attributes) or 'TASK' (tasks on the host)");
    }
    if (lc.condition() == null) {
      errors.required(child(path, "condition"), "'LESS_THAN', 'EQUAL' or 'GREATER_THAN'");
    }
    if (lc.label() == null) {
      errors.required(child(path, "label"));
    } else if (lc.label().key() == null || lc.label().key().isEmpty()) {
      errors.required(child(path, "label.key"));
    }
    if (lc.requirement() == null) {
      errors.required(child(path, "requirement"), "the count the label's occurrences are compared with");
    }
    errors.nonNegative(path, "requirement", lc.requirement());
  }

  private static void healthCheck(String path, HealthCheck h, JobType jobType, FieldErrors errors) {
    if (jobType == JobType.BATCH) {
      errors.forbidden(path, "BATCH jobs cannot have health checks");
      return;
    }
    errors.nonNegative(path, "initialIntervalSecs", h.initialIntervalSecs());
    errors.positive(path, "intervalSecs", h.intervalSecs());
    errors.positive(path, "timeoutSecs", h.timeoutSecs());
    errors.positive(path, "maxConsecutiveFailures", h.maxConsecutiveFailures());
    if (Boolean.FALSE.equals(h.enabled())) {
      return;
    }
    if (h.type() == null) {
      errors.required(child(path, "type"), "'COMMAND', 'HTTP' or 'GRPC'");
      return;
    }
    switch (h.type()) {
      case COMMAND -> {
        if (h.commandCheck() == null || h.commandCheck().command() == null
            || h.commandCheck().command().isBlank()) {
          errors.required(child(path, "commandCheck.command"));
        }
      }
      case HTTP -> {
        if (h.httpCheck() == null || h.httpCheck().port() == null) {
          errors.required(child(path, "httpCheck.port"));
        } else {
          errors.inRange(path, "httpCheck.port", h.httpCheck().port(), 1, 65535);
          String scheme = h.httpCheck().scheme();
          if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            errors.notSupported(child(path, "httpCheck.scheme"), scheme,
                java.util.List.of("http", "https"));
          }
          String p = h.httpCheck().path();
          if (p != null && !p.startsWith("/")) {
            errors.invalid(child(path, "httpCheck.path"), p, "must start with '/'");
          }
        }
      }
      case GRPC -> { }
      default -> throw new IllegalStateException(h.type().name());
    }
  }

  private static void volumes(String path, List<Volume> volumes, FieldErrors errors) {
    Set<String> mountPoints = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      String at = index(path, i);
      if (v.name() != null && !names.add(v.name())) {
        errors.duplicate(child(at, "name"), v.name());
      }
      if (v.containerPath() == null || v.containerPath().isEmpty()) {
        errors.required(child(at, "containerPath"));
      } else if (!mountPoints.add(v.containerPath())) {
        errors.duplicate(child(at, "containerPath"), v.containerPath());
      }
      if (v.type() == null) {
        errors.required(child(at, "type"), "'HOST_PATH', 'EMPTY_DIR' or 'PERSISTENT'");
        continue;
      }
      switch (v.type()) {
        case HOST_PATH -> {
          if (v.hostPath() == null || v.hostPath().isEmpty()) {
            errors.required(child(at, "hostPath"));
          } else if (!v.hostPath().startsWith("/")) {
            errors.invalid(child(at, "hostPath"), v.hostPath(), "must be an absolute path");
          }
          forbidSize(at, v, errors);
        }
        case PERSISTENT -> {
          if (v.sizeMb() == null) {
            errors.required(child(at, "sizeMb"));
          }
          errors.positive(at, "sizeMb", v.sizeMb());
          forbidHostPath(at, v, errors);
        }
        case EMPTY_DIR -> {
          errors.nonNegative(at, "sizeMb", v.sizeMb());
          forbidHostPath(at, v, errors);
        }
        default -> throw new IllegalStateException(v.type().name());
      }
    }
  }

  private static void forbidSize(String at, Volume v, FieldErrors errors) {
    if (v.sizeMb() != null) {
      errors.forbidden(child(at, "sizeMb"), "may only be set for PERSISTENT or EMPTY_DIR volumes");
    }
  }

  private static void forbidHostPath(String at, Volume v, FieldErrors errors) {
    if (v.hostPath() != null) {
      errors.forbidden(child(at, "hostPath"), "may only be set for HOST_PATH volumes");
    }
  }

  /** True when the config declares the field whose JSON name is given (for override counting). */
  static boolean declares(TaskConfig cfg, String field) {
    if (cfg == null) {
      return false;
    }
    return switch (field) {
      case "command" -> cfg.command() != null;
      case "resource" -> cfg.resource() != null;
      case "controller" -> cfg.controller() != null;
      default -> throw new IllegalArgumentException(field);
    };
  }
}
