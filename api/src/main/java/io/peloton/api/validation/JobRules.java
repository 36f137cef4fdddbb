package io.peloton.api.validation;

import static io.peloton.api.validation.JsonDefaults.object;
import static io.peloton.api.validation.JsonDefaults.setIfAbsent;
import static io.peloton.api.validation.StructuralCheck.child;
import static io.peloton.api.validation.StructuralCheck.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.job.Job;
import io.peloton.api.job.JobSpec;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.job.JobStatus;
import io.peloton.api.job.Sla;
import io.peloton.api.job.UpdateStatus;
import io.peloton.api.job.UpdateStrategy;
import io.peloton.api.taskconfig.TaskConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Job defaults and checks: Peloton's {@code validate.go} rules that can be checked on one object.
 */
final class JobRules implements KindRules {
  /** Peloton's {@code max_tasks_per_job}. */
  static final int MAX_INSTANCES = 100_000;

  @Override
  public void applyDefaults(ObjectNode object) {
    ObjectNode spec = object(object, "spec", false);
    if (spec == null) {
      return;
    }
    setIfAbsent(spec, "type", "BATCH");
    String type = spec.path("type").asText();
    ObjectNode sla = object(spec, "sla", true);
    setIfAbsent(sla, "priority", 0);
    setIfAbsent(sla, "preemptible", false);
    setIfAbsent(sla, "revocable", false);
    TaskConfigRules.applyDefaults(object(spec, "defaultConfig", true), true);
    ObjectNode overrides = object(spec, "instanceConfig", false);
    if (overrides != null) {
      for (JsonNode o : overrides) {
        if (o.isObject()) {
          TaskConfigRules.applyDefaults((ObjectNode) o, false);
        }
      }
      sortByInstance(overrides);
    }
    if (!type.equals("BATCH")) {
      ObjectNode update = object(spec, "updateStrategy", true);
      setIfAbsent(update, "batchSize", 0);
      setIfAbsent(update, "maxInstanceRetries", 0);
      setIfAbsent(update, "maxTolerableInstanceFailures", 0);
      setIfAbsent(update, "rollbackOnFailure", false);
      setIfAbsent(update, "inPlace", false);
      setIfAbsent(update, "paused", false);
    }
    setIfAbsent(spec, "placementStrategy", "PACK_HOST");
  }

  /** Orders instanceConfig numerically ("2" before "10") so output is stable and readable. */
  private static void sortByInstance(ObjectNode overrides) {
    TreeMap<Long, String> numeric = new TreeMap<>();
    List<String> others = new ArrayList<>();
    for (Iterator<String> it = overrides.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      Long n = instanceIndex(k);
      if (n != null) {
        numeric.put(n, k);
      } else {
        others.add(k);
      }
    }
    ObjectNode copy = overrides.deepCopy();
    overrides.removeAll();
    numeric.values().forEach(k -> overrides.set(k, copy.get(k)));
    others.forEach(k -> overrides.set(k, copy.get(k)));
  }

  /** The instance an instanceConfig key names, or null when it is not a canonical index. */
  static Long instanceIndex(String key) {
    if (!key.matches("0|[1-9][0-9]{0,9}")) {
      return null;
    }
    return Long.parseLong(key);
  }

  @Override
  public void validate(ApiObject object, FieldErrors errors) {
    Job job = (Job) object;
    JobSpec spec = job.spec();
    if (spec == null) {
      errors.required("spec");
    } else {
      spec(spec, errors);
    }
    if (job.status() != null) {
      validateStatus(job.status(), errors);
    }
  }

  @Override
  public void validateStatus(Object status, FieldErrors errors) {
    status((JobStatus) status, errors);
  }

  private static void spec(JobSpec spec, FieldErrors errors) {
    JobType type = spec.type();
    if (type == null) {
      errors.required("spec.type");
    }
    if (spec.respool() == null || spec.respool().isEmpty()) {
      errors.required("spec.respool", "the path of a leaf resource pool, e.g. '/DefaultResPool'");
    } else if ("/".equals(spec.respool())) {
      errors.invalid("spec.respool", "/", "must name a leaf pool, not the root pool '/'");
    } else {
      errors.format("spec.respool", spec.respool(), NameFormats.poolPath(spec.respool()));
    }
    Integer count = instanceCount(spec, errors);
    sla(spec, count, errors);
    TaskConfigRules.validate("spec.defaultConfig", spec.defaultConfig(), type, errors);
    instanceConfigs(spec, count, errors);
    if (count != null || type == JobType.DAEMON) {
      needInEveryInstance(spec, count, "command", errors);
      needInEveryInstance(spec, count, "resource", errors);
      controllers(spec, count, errors);
    }
    updateStrategy(spec.updateStrategy(), errors);
  }

  /** The usable instance count (null when missing or invalid, or for DAEMON jobs). */
  private static Integer instanceCount(JobSpec spec, FieldErrors errors) {
    Integer count = spec.instanceCount();
    if (spec.type() == JobType.DAEMON) {
      if (count != null && count != 0) {
        errors.forbidden("spec.instanceCount",
            "DAEMON jobs run one instance on every eligible host; leave instanceCount unset");
      }
      return null;
    }
    if (count == null) {
      errors.required("spec.instanceCount");
      return null;
    }
    int min = spec.type() == JobType.BATCH ? 1 : 0;
    if (count < min || count > MAX_INSTANCES) {
      errors.invalid("spec.instanceCount", count, "must be between " + min + " and "
          + MAX_INSTANCES + ", inclusive");
      return null;
    }
    return count;
  }

  private static void sla(JobSpec spec, Integer count, FieldErrors errors) {
    Sla sla = spec.sla();
    if (sla == null) {
      return;
    }
    errors.nonNegative("spec.sla.priority", sla.priority());
    errors.nonNegative("spec.sla.maximumRunningInstances", sla.maximumRunningInstances());
    errors.nonNegative("spec.sla.minimumRunningInstances", sla.minimumRunningInstances());
    errors.nonNegative("spec.sla.maxRunningTime", sla.maxRunningTime());
    errors.nonNegative("spec.sla.maximumUnavailableInstances", sla.maximumUnavailableInstances());
    boolean longRunning = spec.type() != null && spec.type() != JobType.BATCH;
    if (longRunning) {
      String why = "must not be set for " + spec.type() + " jobs (only BATCH jobs run to a limit)";
      forbidNonZero("spec.sla.maximumRunningInstances", sla.maximumRunningInstances(), why, errors);
      forbidNonZero("spec.sla.minimumRunningInstances", sla.minimumRunningInstances(), why, errors);
      forbidNonZero("spec.sla.maxRunningTime", sla.maxRunningTime(), why, errors);
      if (Boolean.TRUE.equals(sla.revocable()) && !Boolean.TRUE.equals(sla.preemptible())) {
        errors.invalid("spec.sla.revocable", true,
            "a revocable " + spec.type() + " job must also be preemptible (set spec.sla.preemptible)");
      }
      return;
    }
    Integer max = sla.maximumRunningInstances();
    Integer min = sla.minimumRunningInstances();
    if (count != null && max != null && max > count) {
      errors.invalid("spec.sla.maximumRunningInstances", max,
          "must be less than or equal to spec.instanceCount (" + count + ")");
    }
    if (min != null && max != null && max > 0 && min > max) {
      errors.invalid("spec.sla.minimumRunningInstances", min,
          "must be less than or equal to spec.sla.maximumRunningInstances (" + max + ")");
    } else if (min != null && count != null && min > count) {
      errors.invalid("spec.sla.minimumRunningInstances", min,
          "must be less than or equal to spec.instanceCount (" + count + ")");
    }
  }

  private static void forbidNonZero(String path, Integer value, String why, FieldErrors errors) {
    if (value != null && value != 0) {
      errors.invalid(path, value, why);
    }
  }

  private static void instanceConfigs(JobSpec spec, Integer count, FieldErrors errors) {
    Map<String, TaskConfig> overrides = spec.instanceConfig();
    if (overrides == null || overrides.isEmpty()) {
      return;
    }
    if (spec.type() == JobType.DAEMON) {
      errors.forbidden("spec.instanceConfig",
          "DAEMON jobs have no fixed instances to override; put everything in defaultConfig");
      return;
    }
    Integer gang = spec.sla() == null ? null : spec.sla().minimumRunningInstances();
    for (Map.Entry<String, TaskConfig> e : overrides.entrySet()) {
      String at = index("spec.instanceConfig", e.getKey());
      Long instance = instanceIndex(e.getKey());
      if (instance == null) {
        errors.invalid(at, e.getKey(), "the key must be an instance index: 0, 1, 2, ...");
        continue;
      }
      if (count != null && instance >= count) {
        errors.invalid(at, e.getKey(),
            "must be less than spec.instanceCount (" + count + "): instances are 0 to " + (count - 1));
      }
      TaskConfigRules.validate(at, e.getValue(), spec.type(), errors);
      if (gang != null && instance < gang && e.getValue().preemptionPolicy() != null) {
        errors.forbidden(child(at, "preemptionPolicy"), "instances below "
            + "spec.sla.minimumRunningInstances (" + gang + ") form one gang and share the job's "
            + "preemptibility");
      }
    }
  }

  /**
   * Reports a field that some instance ends up without: it is missing from defaultConfig and
   * not every instance overrides it.
   */
  private static void needInEveryInstance(
      JobSpec spec, Integer count, String field, FieldErrors errors) {
    if (TaskConfigRules.declares(spec.defaultConfig(), field)) {
      return;
    }
    String path = "spec.defaultConfig." + field;
    if (count == null) {
      errors.required(path);
      return;
    }
    List<Integer> missing = instancesWhere(spec, count,
        c -> !TaskConfigRules.declares(c, field));
    if (!missing.isEmpty()) {
      errors.required(path, describe(missing) + " no " + field + " in spec.instanceConfig");
    }
  }

  /** Only instance 0 may be a job's controller task. */
  private static void controllers(JobSpec spec, Integer count, FieldErrors errors) {
    if (spec.instanceConfig() != null) {
      spec.instanceConfig().forEach((key, cfg) -> {
        Long instance = instanceIndex(key);
        if (instance != null && instance > 0 && cfg.isController()) {
          errors.invalid(child(index("spec.instanceConfig", key), "controller"), true,
              "only instance 0 may be a controller task");
        }
      });
    }
    if (spec.defaultConfig() == null || !spec.defaultConfig().isController()) {
      return;
    }
    if (count == null || count > 1 && !instancesWhere(spec, count,
        c -> c == null || c.controller() == null).stream().allMatch(i -> i == 0)) {
      errors.invalid("spec.defaultConfig.controller", true, "only instance 0 may be a controller "
          + "task: set controller in spec.instanceConfig[0] instead");
    }
  }

  /** Instances below {@code count} whose override (null when none) matches {@code test}. */
  private static List<Integer> instancesWhere(
      JobSpec spec, int count, Predicate<TaskConfig> test) {
    List<Integer> result = new ArrayList<>();
    Map<String, TaskConfig> overrides = spec.instanceConfig() == null ? Map.of() : spec.instanceConfig();
    for (int i = 0; i < count; i++) {
      if (test.test(overrides.get(Integer.toString(i)))) {
        result.add(i);
      }
    }
    return result;
  }

  private static String describe(List<Integer> instances) {
    if (instances.size() == 1) {
      return "instance " + instances.get(0) + " has";
    }
    StringBuilder sb = new StringBuilder("instances ");
    int shown = Math.min(instances.size(), 5);
    for (int i = 0; i < shown; i++) {
      sb.append(i == 0 ? "" : ", ").append(instances.get(i));
    }
    if (instances.size() > shown) {
      sb.append(" and ").append(instances.size() - shown).append(" more");
    }
    return sb.append(" have").toString();
  }

  private static void updateStrategy(UpdateStrategy u, FieldErrors errors) {
    if (u == null) {
      return;
    }
    errors.nonNegative("spec.updateStrategy.batchSize", u.batchSize());
    errors.nonNegative("spec.updateStrategy.maxInstanceRetries", u.maxInstanceRetries());
    errors.nonNegative("spec.updateStrategy.maxTolerableInstanceFailures",
        u.maxTolerableInstanceFailures());
  }

  private static void status(JobStatus s, FieldErrors errors) {
    if (s.taskStats() != null) {
      s.taskStats().forEach((state, n) ->
          errors.nonNegative(index("status.taskStats", state.name()), n));
    }
    MetadataRules.timestamp("status.creationTime", s.creationTime(), errors);
    MetadataRules.timestamp("status.startTime", s.startTime(), errors);
    MetadataRules.timestamp("status.completionTime", s.completionTime(), errors);
    UpdateStatus u = s.update();
    if (u != null) {
      errors.nonNegative("status.update.numTasksDone", u.numTasksDone());
      errors.nonNegative("status.update.numTasksRemaining", u.numTasksRemaining());
      errors.nonNegative("status.update.numTasksFailed", u.numTasksFailed());
      MetadataRules.timestamp("status.update.startTime", u.startTime(), errors);
      MetadataRules.timestamp("status.update.completionTime", u.completionTime(), errors);
    }
    MetadataRules.conditions("status.conditions", s.conditions(), errors);
    errors.nonNegative("status.observedGeneration", s.observedGeneration());
  }
}
