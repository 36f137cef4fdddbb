package io.peloton.scheduler.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.meta.Condition;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.pool.ResourcePoolStatus;
import io.peloton.api.resource.ResourceAmounts;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.scheduler.PoolStatus;
import io.peloton.scheduler.model.Resources;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each pool's path, entitlement, allocation, demand and a {@code DemandSatisfied} condition
 * in ResourcePool status, only when something changed (amounts rounded to 1/1000, so float noise
 * in the fair-share arithmetic causes no writes). While tasks bind, amounts move every cycle: a change
 * of amounts alone is written at most once per {@code refresh}; a new path, generation or condition
 * status at once. Conditions of other types are kept.
 */
public final class PoolStatusWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PoolStatusWriter.class);
  public static final String CONDITION = "DemandSatisfied";

  private final ApiClient api;
  private final ExecutorService writers;
  private final long refreshNanos;
  private final Map<String, Long> lastWrite = new java.util.concurrent.ConcurrentHashMap<>();

  public PoolStatusWriter(ApiClient api, ExecutorService writers, java.time.Duration refresh) {
    this.api = api;
    this.writers = writers;
    this.refreshNanos = refresh.toNanos();
  }

  /** Writes the statuses that changed; returns how many were written. */
  public int write(Map<String, PoolStatus> statuses, Map<String, ResourcePool> pools) {
    List<CompletableFuture<Boolean>> inFlight = new ArrayList<>();
    for (Map.Entry<String, ResourcePool> e : pools.entrySet()) {
      PoolStatus s = statuses.get(e.getKey());
      if (s != null) {
        ResourcePool pool = e.getValue();
        ResourcePoolStatus want = desired(s, pool);
        if (!sameAsCurrent(want, pool.status()) && (urgent(want, pool.status()) || due(e.getKey()))) {
          inFlight.add(CompletableFuture.supplyAsync(() -> writeOne(pool, want), writers));
        }
      }
    }
    int written = 0;
    for (CompletableFuture<Boolean> f : inFlight) {
      written += f.join() ? 1 : 0;
    }
    return written;
  }

  private static ResourcePoolStatus desired(PoolStatus s, ResourcePool pool) {
    Condition old = condition(pool.status());
    boolean satisfied = s.demand().isZero();
    String reason = satisfied ? "NoPendingDemand" : "PendingDemand";
    String message = satisfied ? "no task of this pool is waiting"
        : "pending tasks ask for " + s.demand() + "; entitled to " + s.entitlement() + ", holding " + s.allocation();
    String status = satisfied ? Condition.TRUE : Condition.FALSE;
    String since = old != null && status.equals(old.status()) && old.lastTransitionTime() != null
        ? old.lastTransitionTime() : Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    List<Condition> conditions = new ArrayList<>();
    if (pool.status() != null && pool.status().conditions() != null) {
      pool.status().conditions().stream().filter(c -> !CONDITION.equals(c.type())).forEach(conditions::add);
    }
    Long generation = pool.metadata().generation();
    conditions.add(new Condition(CONDITION, status, reason, message, since, generation));
    return new ResourcePoolStatus(s.path(), pool.status() == null ? null : pool.status().children(),
        amounts(s.entitlement()), amounts(s.allocation()), amounts(s.demand()), amounts(s.slackEntitlement()),
        pool.status() == null ? null : pool.status().slackAllocation(), conditions, generation);
  }

  private boolean due(String path) {
    Long last = lastWrite.get(path);
    return last == null || System.nanoTime() - last >= refreshNanos;
  }

  /** A change people act on: not yet published, a new generation, or the condition flipped. */
  private static boolean urgent(ResourcePoolStatus want, ResourcePoolStatus have) {
    if (have == null || !Objects.equals(want.path(), have.path())
        || !Objects.equals(want.observedGeneration(), have.observedGeneration())) {
      return true;
    }
    Condition w = condition(want);
    Condition h = condition(have);
    return h == null || !Objects.equals(w.status(), h.status());
  }

  private static boolean sameAsCurrent(ResourcePoolStatus want, ResourcePoolStatus have) {
    if (have == null) {
      return false;
    }
    Condition w = condition(want);
    Condition h = condition(have);
    return Objects.equals(want.path(), have.path()) && Objects.equals(want.entitlement(), have.entitlement())
        && Objects.equals(want.allocation(), have.allocation()) && Objects.equals(want.demand(), have.demand())
        && Objects.equals(want.slackEntitlement(), have.slackEntitlement())
        && Objects.equals(want.observedGeneration(), have.observedGeneration())
        && h != null && Objects.equals(w.status(), h.status()) && Objects.equals(w.reason(), h.reason())
        && Objects.equals(w.message(), h.message()) && Objects.equals(w.observedGeneration(), h.observedGeneration());
  }

  private static Condition condition(ResourcePoolStatus s) {
    if (s == null || s.conditions() == null) {
      return null;
    }
    return s.conditions().stream().filter(c -> CONDITION.equals(c.type())).findFirst().orElse(null);
  }

  static ResourceAmounts amounts(Resources r) {
    return new ResourceAmounts(round(r.cpu()), round(r.memMb()), round(r.diskMb()), round(r.gpu()));
  }

  private static Double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private boolean writeOne(ResourcePool pool, ResourcePoolStatus want) {
    ObjectNode patch = Codecs.json().createObjectNode();
    patch.putObject("metadata").put("resourceVersion", pool.metadata().resourceVersion());
    ObjectNode status = patch.putObject("status");
    status.put("path", want.path());
    status.set("entitlement", Codecs.json().valueToTree(want.entitlement()));
    status.set("allocation", Codecs.json().valueToTree(want.allocation()));
    status.set("demand", Codecs.json().valueToTree(want.demand()));
    status.set("slackEntitlement", Codecs.json().valueToTree(want.slackEntitlement()));
    ArrayNode conditions = status.putArray("conditions");
    want.conditions().forEach(c -> conditions.add(Codecs.json().valueToTree(c)));
    if (want.observedGeneration() != null) {
      status.put("observedGeneration", want.observedGeneration());
    }
    try {
      api.patch(ResourceTypes.RESOURCE_POOL, null, pool.metadata().name(), patch, true);
      lastWrite.put(want.path(), System.nanoTime());
      return true;
    } catch (ApiError e) {
      if (!e.isConflict() && !e.isNotFound()) {
        LOG.warn("could not write status of pool {}: {}", want.path(), e.getMessage());
      }
      return false;
    }
  }
}
