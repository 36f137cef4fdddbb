package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.job.JobSpec;
import io.peloton.api.pool.ResourcePoolSpec;
import io.peloton.api.resource.ResourceKind;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.api.taskconfig.TaskResources;
import io.peloton.api.validation.FieldError;
import io.peloton.apiserver.cache.CachedObject;
import io.peloton.apiserver.cache.WatchCache;
import io.peloton.apiserver.cache.WatchFilter;
import io.peloton.apiserver.storage.Store;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Admission that needs the resource pool tree: a Job asking per instance (or per gang) for more
 * than its pool's limit could never run and is refused with the field path (422); a pool that
 * child pools or live jobs still use cannot be deleted (409 naming them) - it would stay
 * deleting for ever. Reads the watch cache; a pool not there yet (or a cache not ready) is not
 * judged here: the job controller reports a missing pool on the Job.
 */
final class PoolAdmission {
  private static final long CONSISTENT_READ_WAIT_MS = 3_000;
  private final Store store;
  private final WatchCache cache;

  PoolAdmission(Store store, WatchCache cache) {
    this.store = store;
    this.cache = cache;
  }

  /** Throws 422 naming each field whose request exceeds the limit of the Job's pool. */
  void checkJob(ResourceType type, ObjectNode job) {
    if (type != ResourceTypes.JOB || !cache.ready()) {
      return;
    }
    JobSpec spec = Codecs.json().convertValue(job.path("spec"), JobSpec.class);
    ResourcePoolSpec pool = spec == null || spec.respool() == null ? null
        : poolAt(spec.respool());
    if (pool == null) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    String name = spec.respool();
    exceeds(errors, "spec.defaultConfig.resource", spec.defaultConfig(), pool, name);
    if (spec.instanceConfig() != null) {
      new TreeMap<>(spec.instanceConfig()).forEach((i, c) -> exceeds(errors,
          "spec.instanceConfig[" + i + "].resource", spec.defaultConfig() == null ? c
              : spec.defaultConfig().mergedWith(c), pool, name));
    }
    Integer gang = spec.sla() == null ? null : spec.sla().minimumRunningInstances();
    if (errors.isEmpty() && gang != null && gang > 1) {
      for (ResourceKind kind : ResourceKind.values()) {
        double sum = 0;
        for (int i = 0; i < gang; i++) {
          sum += amount(spec.configFor(i), kind);
        }
        double limit = limit(pool, kind);
        if (limit >= 0 && sum > limit + 1e-6) {
          errors.add(FieldError.invalid("spec.sla.minimumRunningInstances", "a gang of " + gang
              + " instances needs " + format(sum) + " " + label(kind) + " at once, more than the "
              + label(kind) + " limit " + format(limit) + " of resource pool " + name
              + ": it could never be placed"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(type, job.path("metadata").path("name").asText(""), errors);
    }
  }

  /**
   * Fails with 409 when the object is a pool that child pools or jobs not being deleted still
   * use; judged on a cache as new as the store (a job deleted just before is seen gone).
   */
  Future<Void> checkDelete(ResourceType type, String name) {
    if (type != ResourceTypes.RESOURCE_POOL || !cache.ready()) {
      return Future.succeededFuture();
    }
    return Futures.onContext(store.currentRevision().thenCompose(rev -> cache.awaitRevision(rev)
            .orTimeout(CONSISTENT_READ_WAIT_MS, TimeUnit.MILLISECONDS)))
        .otherwiseEmpty()
        .compose(v -> {
          checkPoolDelete(type, name);
          return Future.succeededFuture();
        });
  }

  private void checkPoolDelete(ResourceType type, String name) {
    CachedObject cached = cache.get(type, type.key(null, name));
    ObjectNode pool = cached == null ? null : cached.tree();
    if (pool == null || pool.path("metadata").hasNonNull("deletionTimestamp")) {
      return; // not there (404 follows), or deleting already: asking again changes nothing
    }
    String path = pathOf(name, pool.path("spec").path("parent").asText(null));
    List<String> children = new ArrayList<>();
    for (CachedObject o : cache.list(WatchFilter.all(ResourceTypes.RESOURCE_POOL)).items()) {
      if (path.equals(o.tree().path("spec").path("parent").asText(null))) {
        children.add(pathOf(o.name(), path));
      }
    }
    List<String> jobs = new ArrayList<>();
    for (CachedObject o : cache.list(WatchFilter.all(ResourceTypes.JOB)).items()) {
      JsonNode meta = o.tree().path("metadata");
      if (path.equals(o.tree().path("spec").path("respool").asText(null))
          && !meta.hasNonNull("deletionTimestamp")) {
        jobs.add(meta.path("namespace").asText() + "/" + o.name());
      }
    }
    if (children.isEmpty() && jobs.isEmpty()) {
      return;
    }
    String who = (children.isEmpty() ? "" : "child pools " + shortList(children))
        + (children.isEmpty() || jobs.isEmpty() ? "" : " and ")
        + (jobs.isEmpty() ? "" : "jobs " + shortList(jobs));
    throw ApiException.conflictWith(type, name, "resource pool " + path + " is in use by " + who
        + "; delete or move them first");
  }

  /** The pool at a path: pools are cluster-wide objects named by their path's last element. */
  private ResourcePoolSpec poolAt(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    CachedObject o = cache.get(ResourceTypes.RESOURCE_POOL,
        ResourceTypes.RESOURCE_POOL.key(null, name));
    ResourcePoolSpec spec = o == null ? null
        : Codecs.json().convertValue(o.tree().path("spec"), ResourcePoolSpec.class);
    return spec != null && pathOf(o.name(), spec.parent()).equals(path) ? spec : null;
  }

  private static void exceeds(List<FieldError> errors, String field, TaskConfig config,
      ResourcePoolSpec pool, String path) {
    for (ResourceKind kind : ResourceKind.values()) {
      double want = amount(config, kind);
      double limit = limit(pool, kind);
      if (limit >= 0 && want > limit + 1e-6) {
        errors.add(FieldError.invalid(field + "." + fieldOf(kind), format(want) + " exceeds the "
            + label(kind) + " limit " + format(limit) + " of resource pool " + path
            + ": it could never be placed"));
      }
    }
  }

  private static double amount(TaskConfig config, ResourceKind kind) {
    TaskResources r = config == null ? null : config.resource();
    if (r == null) {
      return 0;
    }
    Double v = switch (kind) {
      case CPU -> r.cpuLimit();
      case MEMORY -> r.memLimitMb();
      case DISK -> r.diskLimitMb();
      case GPU -> r.gpuLimit();
    };
    return v == null ? 0 : v;
  }

  /**
   * The pool's limit of a kind, or -1 (not judged) when the pool has no entry for it. Admission
   * of pools gives every left-out kind a limit of 0, as Peloton does, so stored pools have all.
   */
  private static double limit(ResourcePoolSpec pool, ResourceKind kind) {
    ResourcePoolSpec.PoolResource r = pool.resource(kind);
    if (r == null) {
      return -1;
    }
    Double v = r.limit() != null ? r.limit() : r.reservation();
    return v == null ? 0 : v;
  }

  private static String fieldOf(ResourceKind kind) {
    return switch (kind) {
      case CPU -> "cpuLimit";
      case MEMORY -> "memLimitMb";
      case DISK -> "diskLimitMb";
      case GPU -> "gpuLimit";
    };
  }

  private static String label(ResourceKind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String pathOf(String name, String parent) {
    return (parent == null || parent.isEmpty() || "/".equals(parent) ? "" : parent) + "/" + name;
  }

  private static String shortList(List<String> names) {
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    return sorted.size() <= 5 ? String.join(", ", sorted)
        : String.join(", ", sorted.subList(0, 5)) + " and " + (sorted.size() - 5) + " more";
  }
}
