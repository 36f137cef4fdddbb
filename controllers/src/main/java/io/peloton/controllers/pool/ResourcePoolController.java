package io.peloton.controllers.pool;

import io.peloton.api.job.Job;
import io.peloton.api.meta.Condition;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.pool.ResourcePoolStatus;
import io.peloton.client.ApiClient;
import io.peloton.client.ObjectKey;
import io.peloton.client.TypedClient;
import io.peloton.client.informer.EventHandler;
import io.peloton.client.reconcile.Result;
import io.peloton.client.workqueue.WorkQueue;
import io.peloton.controllers.KeyOwnership;
import io.peloton.controllers.ObjectMetas;
import io.peloton.controllers.SharedInformers;
import io.peloton.controllers.WellKnownKeys;
import io.peloton.controllers.events.EventRecorder;
import io.peloton.controllers.status.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Validates each ResourcePool against the rest of the tree, publishes its path and children, and
 * holds its deletion (finalizer {@code peloton.io/pool-in-use}) while jobs or child pools use it.
 */
public final class ResourcePoolController {
  private static final String READY = "Ready";
  private static final String DELETION_BLOCKED = "DeletionBlocked";
  private static final Set<String> OWNED_CONDITIONS = Set.of(READY, DELETION_BLOCKED);
  private final SharedInformers informers;
  private final TypedClient<ResourcePool> pools;
  private final EventRecorder events;
  private final KeyOwnership ownership;

  public ResourcePoolController(ApiClient api, SharedInformers informers, EventRecorder events,
      KeyOwnership ownership) {
    this.informers = informers;
    this.pools = api.typed(ResourcePool.class);
    this.events = events;
    this.ownership = ownership;
  }

  /** Any pool change may affect its relatives, so every pool is checked; jobs touch their pool. */
  public void register(WorkQueue<ObjectKey> queue) {
    informers.pools().addHandler(new EventHandler<ResourcePool>() {
      @Override
      public void onAdd(ResourcePool p) {
        all(queue);
      }

      @Override
      public void onUpdate(ResourcePool a, ResourcePool b) {
        if (a == b) {
          queue.add(ObjectKey.of(b)); // resync
        } else {
          all(queue);
        }
      }

      @Override
      public void onDelete(ResourcePool p, boolean finalStateUnknown) {
        all(queue);
      }
    });
    informers.jobs().addHandler(new EventHandler<Job>() {
      @Override
      public void onAdd(Job j) {
        pool(queue, j);
      }

      @Override
      public void onUpdate(Job a, Job b) {
        if (a != b) {
          pool(queue, a);
          pool(queue, b);
        }
      }

      @Override
      public void onDelete(Job j, boolean finalStateUnknown) {
        pool(queue, j);
      }
    });
  }

  private void all(WorkQueue<ObjectKey> queue) {
    informers.pools().cache().keys().forEach(queue::add);
  }

  private static void pool(WorkQueue<ObjectKey> queue, Job j) {
    if (j.spec() != null && j.spec().respool() != null && !"/".equals(j.spec().respool())) {
      queue.add(ObjectKey.cluster(PoolTree.lastElement(j.spec().respool())));
    }
  }

  public Result reconcile(ObjectKey key) {
    if (!ownership.owns(key.toString())) {
      return Result.done();
    }
    ResourcePool pool = informers.pools().cache().get(key).orElse(null);
    if (pool == null) {
      return Result.done();
    }
    PoolTree tree = PoolTree.of(informers.pools().cache().list());
    String path = tree.pathOf(pool);
    List<String> jobs = new ArrayList<>();
    List<String> children = new ArrayList<>();
    if (path != null) {
      for (Job j : informers.jobs().cache().byIndex(SharedInformers.JOBS_BY_POOL, path)) {
        jobs.add(j.metadata().namespace() + "/" + j.metadata().name());
      }
      tree.childrenOf(path).forEach(c -> children.add(path + "/" + c.metadata().name()));
      jobs.sort(null);
    }
    Long gen = pool.metadata().generation();
    List<Condition> wanted = new ArrayList<>();
    if (pool.metadata().deletionTimestamp() != null) {
      if (jobs.isEmpty() && children.isEmpty()) {
        if (ObjectMetas.hasFinalizer(pool.metadata(), WellKnownKeys.POOL_IN_USE_FINALIZER)) {
          pools.update(new ResourcePool(pool.apiVersion(), pool.kind(),
              ObjectMetas.withoutFinalizer(pool.metadata(), WellKnownKeys.POOL_IN_USE_FINALIZER),
              pool.spec(), pool.status()));
          events.normal(pool, "PoolDeleted", "pool " + path + " is unused and goes");
        }
        return Result.done();
      }
      String who = (jobs.isEmpty() ? "" : "jobs " + jobs)
          + (jobs.isEmpty() || children.isEmpty() ? "" : " and ")
          + (children.isEmpty() ? "" : "child pools " + children);
      wanted.add(Conditions.of(DELETION_BLOCKED, true, "PoolInUse", "pool " + path
          + " cannot be deleted while " + who + " use it", gen));
    } else if (!ObjectMetas.hasFinalizer(pool.metadata(), WellKnownKeys.POOL_IN_USE_FINALIZER)) {
      pool = pools.update(new ResourcePool(pool.apiVersion(), pool.kind(),
          ObjectMetas.withFinalizer(pool.metadata(), WellKnownKeys.POOL_IN_USE_FINALIZER),
          pool.spec(), pool.status()));
    }
    List<PoolTreeRules.Problem> problems = PoolTreeRules.check(tree, pool, jobs);
    if (problems.isEmpty()) {
      wanted.add(0, Conditions.of(READY, true, "Valid", "pool " + path + " fits its tree", gen));
    } else {
      wanted.add(0, Conditions.of(READY, false, problems.get(0).reason(), String.join("; ",
          problems.stream().map(PoolTreeRules.Problem::message).toList()), gen));
    }
    ResourcePoolStatus old = pool.status();
    // the scheduler writes DemandSatisfied to the same list: kept
    List<Condition> conditions = Conditions.merge(old == null ? null : old.conditions(), wanted,
        OWNED_CONDITIONS);
    ResourcePoolStatus next = old == null
        ? new ResourcePoolStatus(path, children.isEmpty() ? null : children, null, null, null,
            null, null, conditions, gen)
        : new ResourcePoolStatus(path, children.isEmpty() ? null : children, old.entitlement(),
            old.allocation(),
            old.demand(), old.slackEntitlement(), old.slackAllocation(), conditions, gen);
    if (next.equals(old)) {
      return Result.done();
    }
    pools.updateStatus(new ResourcePool(pool.apiVersion(), pool.kind(), pool.metadata(),
        pool.spec(), next));
    announce(pool, old == null ? null : old.conditions(), conditions);
    return Result.done();
  }

  /** An Event for each condition that changed its reason. */
  private void announce(ResourcePool pool, List<Condition> before, List<Condition> after) {
    for (Condition c : after) {
      Condition b = Conditions.find(before, c.type());
      if (b != null && Objects.equals(b.reason(), c.reason())
          && Objects.equals(b.status(), c.status())) {
        continue;
      }
      boolean bad = DELETION_BLOCKED.equals(c.type()) || !Condition.TRUE.equals(c.status());
      if (bad) {
        events.warning(pool, c.reason(), c.message());
      } else if (b != null) {
        events.normal(pool, c.reason(), c.message());
      }
    }
  }
}
