package io.peloton.controllers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.client.ApiClient;
import io.peloton.client.ObjectKey;
import io.peloton.client.informer.Informer;
import io.peloton.client.informer.InformerSet;
import io.peloton.client.leader.ShardMembership;
import io.peloton.client.reconcile.ReconcileLoop;
import io.peloton.client.reconcile.Reconciler;
import io.peloton.client.workqueue.WorkQueue;
import io.peloton.controllers.events.EventRecorder;
import io.peloton.controllers.gc.GarbageCollector;
import io.peloton.controllers.job.JobController;
import io.peloton.controllers.maintenance.HostMaintenanceController;
import io.peloton.controllers.pool.ResourcePoolController;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every controller (job, resource pool, host maintenance, garbage collection) over one set
 * of shared informers, N workers each; with a member id, shares keys with the other live
 * replicas through {@link ShardMembership}.
 */
public final class Controllers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Controllers.class);
  /** Lease group of all-active controller replicas. */
  public static final String SHARD_GROUP = "controllers";

  private final SharedInformers informers;
  private final boolean ownSet;
  private final List<ReconcileLoop<ObjectKey>> loops = new ArrayList<>();
  /** Per loop: puts every key of its kind back in its queue. */
  private final List<Runnable> requeues = new ArrayList<>();
  private final ShardMembership shard;
  private final EventRecorder events;
  /** gc-tasks workers for each configured worker (see the constructor). */
  private static final int GC_TASK_WORKERS_PER_WORKER = 4;

  private Controllers(ApiClient api, ControllerConfig config, MeterRegistry registry,
      InformerSet shared) {
    this.ownSet = shared == null;
    this.informers = SharedInformers.in(ownSet
        ? SharedInformers.ownSet(api, config.resyncPeriod(), registry) : shared);
    this.shard = config.memberId() == null ? null : new ShardMembership(api, SHARD_GROUP,
        config.memberId(), Duration.ofSeconds(15), Duration.ofSeconds(3));
    KeyOwnership ownership = shard == null ? KeyOwnership.everything() : shard::owns;
    this.events = new EventRecorder(api, "controllers", config.memberId());

    JobController jobs = new JobController(api, informers, events, config, ownership);
    jobs.register(loop("jobs", jobs::reconcile, informers.jobs(), config, registry));
    ResourcePoolController pools = new ResourcePoolController(api, informers, events, ownership);
    pools.register(loop("resourcepools", pools::reconcile, informers.pools(), config, registry));
    HostMaintenanceController maintenance =
        new HostMaintenanceController(api, informers, events, ownership);
    maintenance.register(loop("hostmaintenance", maintenance::reconcile,
        informers.maintenances(), config, registry));
    GarbageCollector gc = new GarbageCollector(api, informers, events, ownership);
    // a Task's reconcile is a few small writes and no computing: more workers keep more writes
    // in flight, which the API server commits in groups (a 100,000-task job's deletion is
    // bounded by this loop)
    gc.register(loop("gc-tasks", gc::reconcileTask, informers.tasks(),
            config.workers() * GC_TASK_WORKERS_PER_WORKER, registry),
        loop("gc-jobs", gc::reconcileJob, informers.jobs(), config, registry));
  }

  /** A queue and its loop; {@code keys} is the informer whose objects the loop reconciles. */
  private WorkQueue<ObjectKey> loop(String name, Reconciler<ObjectKey> r, Informer<?> keys,
      ControllerConfig config, MeterRegistry registry) {
    return loop(name, r, keys, config.workers(), registry);
  }

  private WorkQueue<ObjectKey> loop(String name, Reconciler<ObjectKey> r, Informer<?> keys,
      int workers, MeterRegistry registry) {
    WorkQueue<ObjectKey> queue = new WorkQueue<>();
    requeues.add(() -> keys.cache().keys().forEach(queue::add));
    loops.add(new ReconcileLoop<>(name, queue, r, workers, registry));
    return queue;
  }

  /** Starts everything in-process (for {@code peloton up}); returns once the caches are filled. */
  public static Controllers start(ApiClient api, ControllerConfig config) {
    return start(api, config, new SimpleMeterRegistry());
  }

  public static Controllers start(ApiClient api, ControllerConfig config,
      MeterRegistry registry) {
    return start(api, config, registry, null);
  }

  /**
   * Starts the controllers on the process's shared informers ({@code shared}; null for a set
   * of their own).
   */
  public static Controllers start(ApiClient api, ControllerConfig config,
      MeterRegistry registry, InformerSet shared) {
    Controllers m = new Controllers(api, config, registry, shared);
    try {
      m.run();
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
    return m;
  }

  private void run() {
    if (shard != null) {
      // a change of members moves keys: look at everything again
      shard.onChange(ring -> requeueAll()).start();
    }
    informers.start();
    try {
      if (!informers.awaitSynced(Duration.ofMinutes(2))) {
        throw new IllegalStateException("the controllers' caches did not fill within 2 minutes:"
            + " is the API server reachable?");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the caches", e);
    }
    loops.forEach(ReconcileLoop::start);
    LOG.info("controllers started ({} loops)", loops.size());
  }

  private void requeueAll() {
    requeues.forEach(Runnable::run);
  }

  /** The live replicas sharing the work (just this one, unnamed, when not sharded). */
  public List<String> shardMembers() {
    return shard == null ? List.of() : shard.ring().members();
  }

  public SharedInformers informers() {
    return informers;
  }

  @Override
  public void close() {
    loops.forEach(l -> l.stop(Duration.ofSeconds(10)));
    events.close(); // what the loops said last
    if (ownSet) {
      informers.set().close(); // a shared set is closed by its owner, after every component
    }
    if (shard != null) {
      shard.close();
    }
  }
}
