package io.peloton.scheduler.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.api.host.Host;
import io.peloton.api.job.Job;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.task.Task;
import io.peloton.client.ApiClient;
import io.peloton.client.DaemonThreads;
import io.peloton.client.ObjectKey;
import io.peloton.client.informer.EventHandler;
import io.peloton.client.informer.Informer;
import io.peloton.client.informer.InformerConfig;
import io.peloton.client.informer.InformerSet;
import io.peloton.client.leader.LeaderCallbacks;
import io.peloton.client.leader.LeaderElectionConfig;
import io.peloton.client.leader.LeaderElector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler as a running component. Every replica keeps warm informers over ResourcePool, Host,
 * Task and Job (all namespaces) and contends for the {@code scheduler} Lease; only the leader runs
 * cycles: as soon as the caches change (at most every {@code minCycleGap}, or after a rest as long
 * as the last cycle took) and at least every {@code cycleInterval}. All work runs on plain threads
 * with the blocking client.
 */
public final class SchedulerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);
  public static final String LEASE = "scheduler";

  private final ApiClient api;
  private final SchedulerServiceConfig config;
  private final InformerSet informers;
  private final boolean ownSet;
  private final List<Runnable> unsubscribe = new java.util.ArrayList<>();
  private final Informer<ResourcePool> pools;
  private final Informer<Host> hosts;
  private final Informer<Task> tasks;
  private final Informer<Job> jobs;
  private final ExecutorService writers;
  private final EventRecorder events;
  private final SchedulerMetrics metrics;
  private final LeaderElector elector;
  private final Thread loop;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final AtomicReference<CycleRunner> term = new AtomicReference<>();
  private final AtomicReference<CycleReport> lastReport = new AtomicReference<>();
  private final AtomicLong cycles = new AtomicLong();
  private final AtomicInteger terms = new AtomicInteger();
  private boolean dirty = true;
  private volatile boolean stopped;

  private SchedulerService(ApiClient api, SchedulerServiceConfig config, MeterRegistry registry,
      InformerSet shared) {
    this.api = api;
    this.config = config;
    this.ownSet = shared == null;
    this.informers = ownSet ? new InformerSet(api,
        InformerConfig.defaults().withResyncPeriod(Duration.ZERO), registry) : shared;
    this.pools = informers.of(ResourcePool.class);
    this.hosts = informers.of(Host.class);
    this.tasks = informers.of(Task.class);
    this.jobs = informers.of(Job.class);
    this.writers = Executors.newFixedThreadPool(config.writeConcurrency(),
        DaemonThreads.numbered("scheduler-writer"));
    this.events = new EventRecorder(api, config.identity());
    this.elector = new LeaderElector(api, new LeaderElectionConfig(LEASE, config.identity(), config.leaseDuration(),
        config.renewDeadline(), config.retryPeriod()), new Callbacks());
    this.metrics = new SchedulerMetrics(registry, this::isLeader);
    this.loop = DaemonThreads.of(this::runLoop, "scheduler-loop-" + config.identity());
  }

  /** Starts informers, leader election and the loop; returns at once (caches fill in the background). */
  public static SchedulerService start(ApiClient api, SchedulerServiceConfig config) {
    return start(api, config, new SimpleMeterRegistry());
  }

  public static SchedulerService start(ApiClient api, SchedulerServiceConfig config, MeterRegistry registry) {
    return start(api, config, registry, null);
  }

  /** Starts on the process's shared informers ({@code shared}; null for a set of its own). */
  public static SchedulerService start(ApiClient api, SchedulerServiceConfig config, MeterRegistry registry,
      InformerSet shared) {
    SchedulerService s = new SchedulerService(api, config, registry, shared);
    s.wakeOnChange(s.pools);
    s.wakeOnChange(s.hosts);
    s.wakeOnChange(s.tasks);
    s.wakeOnChange(s.jobs);
    s.informers.start();
    s.loop.start();
    s.elector.start();
    return s;
  }

  private <T extends io.peloton.api.ApiObject> void wakeOnChange(Informer<T> informer) {
    EventHandler<T> handler = wakeUp();
    informer.addHandler(handler);
    unsubscribe.add(() -> informer.removeHandler(handler));
  }

  /** A handler that starts a cycle soon after any change (level-triggered: what changed does not matter). */
  private <T> EventHandler<T> wakeUp() {
    return new EventHandler<>() {
      @Override
      public void onAdd(T o) {
        signal();
      }

      @Override
      public void onUpdate(T a, T b) {
        signal();
      }

      @Override
      public void onDelete(T o, boolean finalStateUnknown) {
        signal();
      }
    };
  }

  /** True while this replica leads (holds and recently renewed the Lease). */
  public boolean isLeader() {
    return elector.isLeader();
  }

  public String identity() {
    return config.identity();
  }

  /** Cycles this replica has run (as leader). */
  public long cyclesRun() {
    return cycles.get();
  }

  /** What the last cycle did, or null before the first. */
  public CycleReport lastReport() {
    return lastReport.get();
  }

  private void signal() {
    lock.lock();
    try {
      dirty = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private final class Callbacks implements LeaderCallbacks {
    @Override
    public void onStartedLeading() {
      LOG.info("scheduler {} is leading (term {})", config.identity(), terms.incrementAndGet());
      TaskBinder binder = new TaskBinder(api, writers, config.bindBatch());
      term.set(new CycleRunner(config.core(), binder,
          new TaskConditionWriter(api, writers, events, config.messageRefresh()),
          new PreemptionWriter(api, writers, events), new PoolStatusWriter(api, writers, config.messageRefresh()), events,
          SchedulerService.this::isLeader));
      signal();
    }

    @Override
    public void onStoppedLeading() {
      LOG.info("scheduler {} stopped leading", config.identity());
      term.set(null);
    }
  }

  private void runLoop() {
    try {
      for (InformerReady r : List.of(new InformerReady(pools), new InformerReady(hosts), new InformerReady(tasks),
          new InformerReady(jobs))) {
        while (!stopped && !r.informer.awaitSynced(Duration.ofSeconds(1))) {
          LOG.debug("waiting for the {} cache", r.informer);
        }
      }
      long minGap = config.minCycleGap().toNanos();
      while (!stopped) {
        waitForWork();
        if (stopped) {
          return;
        }
        CycleRunner runner = term.get();
        if (runner == null || !elector.isLeader()) {
          continue;
        }
        long t0 = System.nanoTime();
        try {
          CycleRunner.Outcome out = runner.run(hosts.cache().list(), pools.cache().list(), tasks.cache().list(),
              (ns, name) -> jobs.cache().get(ObjectKey.of(ns, name)).orElse(null));
          cycles.incrementAndGet();
          lastReport.set(out.report());
          metrics.cycle(System.nanoTime() - t0, out.report());
          if (out.highestTaskVersion() > 0) {
            // the next cycle must see this cycle's own writes, or it would bind the same tasks again
            tasks.awaitResourceVersion(Long.toString(out.highestTaskVersion()), Duration.ofSeconds(5));
          }
          if (out.report().bound() > 0 || out.report().preemptions() > 0) {
            LOG.debug("cycle: {}", out.report());
          }
        } catch (RuntimeException e) {
          // bad data must never stop the loop: log, and try again next cycle
          LOG.error("scheduling cycle failed", e);
        }
        long took = System.nanoTime() - t0;
        // rest at least as long as the cycle took: a cycle reads every Task, so with a big backlog
        // and Tasks changing all the time back-to-back cycles would take a whole core
        long left = Math.max(minGap - took, Math.min(took, config.cycleInterval().toNanos()));
        if (left > 0) {
          pause(left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record InformerReady(Informer<?> informer) {}

  private void waitForWork() throws InterruptedException {
    lock.lock();
    try {
      long left = config.cycleInterval().toNanos();
      while (!dirty && !stopped && left > 0) {
        left = changed.awaitNanos(left);
      }
      dirty = false;
    } finally {
      lock.unlock();
    }
  }

  private void pause(long nanos) throws InterruptedException {
    lock.lock();
    try {
      long left = nanos;
      while (!stopped && left > 0) {
        left = changed.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops, releasing the Lease so a standby takes over at once. */
  @Override
  public void close() {
    shutdown(true);
  }

  /** Stops without releasing the Lease, as a crash would: a standby takes over once it expires. */
  public void abandon() {
    shutdown(false);
  }

  private void shutdown(boolean release) {
    if (stopped) {
      return;
    }
    stopped = true;
    // finish (and stop) the loop before the lease goes: no write may follow the release
    term.set(null);
    signal();
    try {
      loop.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (release) {
      elector.close();
    } else {
      elector.abandon();
    }
    unsubscribe.forEach(Runnable::run);
    if (ownSet) {
      informers.close(); // a shared set is closed by its owner, after every component
    }
    writers.shutdownNow();
  }
}
