package io.peloton.bridge;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.api.host.Host;
import io.peloton.api.task.Task;
import io.peloton.bridge.framework.FrameworkIdStore;
import io.peloton.bridge.hosts.HostSync;
import io.peloton.bridge.launch.MesosTaskIds;
import io.peloton.bridge.launch.TaskLifecycle;
import io.peloton.bridge.status.StatusRecorder;
import io.peloton.client.ApiClient;
import io.peloton.client.DaemonThreads;
import io.peloton.client.informer.EventHandler;
import io.peloton.client.informer.Indexes;
import io.peloton.client.informer.Informer;
import io.peloton.client.informer.InformerConfig;
import io.peloton.client.informer.InformerSet;
import io.peloton.client.leader.LeaderCallbacks;
import io.peloton.client.leader.LeaderElectionConfig;
import io.peloton.client.leader.LeaderElector;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mesos bridge replica: Task and Host informers kept warm (hot standby), a leader election
 * on a Lease, and while leading a {@link BridgeSession} subscribed to Mesos.
 */
public final class MesosBridge implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MesosBridge.class);

  private final ApiClient api;
  private final BridgeConfig config;
  private final Vertx vertx;
  private final InformerSet informers;
  private final boolean ownSet;
  private final List<Runnable> unsubscribe = new java.util.ArrayList<>();
  private final Informer<Task> tasks;
  private final Informer<Host> hosts;
  private final FrameworkIdStore idStore;
  private final ExecutorService leadership;
  private LeaderElector elector;
  private volatile BridgeSession session;
  private volatile boolean closed;

  private MesosBridge(ApiClient api, BridgeConfig config, MeterRegistry registry,
      InformerSet shared) {
    this.api = api;
    this.config = config;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4));
    this.idStore = new FrameworkIdStore(api, config.leaseName() + "-framework");
    this.ownSet = shared == null;
    this.informers = ownSet ? new InformerSet(api, InformerConfig.defaults(), registry) : shared;
    this.tasks = informers.of(Task.class)
        .addIndex(HostSync.STATUS_HOST_INDEX, Indexes.byField("status.host"))
        .addIndex(TaskLifecycle.WORK_INDEX, TaskLifecycle::work)
        .addIndex(StatusRecorder.RUN_PREFIX_INDEX, t -> t.spec() == null
            || t.spec().instance() == null ? List.of() : List.of(MesosTaskIds.runPrefix(t)));
    this.hosts = informers.of(Host.class);
    this.leadership = Executors.newSingleThreadExecutor(DaemonThreads.named("bridge-leadership"));
  }

  /** Starts a replica; returns once its caches are synced and it contends for leadership. */
  public static MesosBridge start(ApiClient api, BridgeConfig config) {
    return start(api, config, new SimpleMeterRegistry());
  }

  public static MesosBridge start(ApiClient api, BridgeConfig config, MeterRegistry registry) {
    return start(api, config, registry, null);
  }

  /** Starts on the process's shared informers ({@code shared}; null for a set of its own). */
  public static MesosBridge start(ApiClient api, BridgeConfig config, MeterRegistry registry,
      InformerSet shared) {
    MesosBridge b = new MesosBridge(api, config, registry, shared);
    b.begin();
    return b;
  }

  private void begin() {
    EventHandler<Task> onTask = new EventHandler<>() {
      @Override
      public void onAdd(Task object) {
        taskChanged(object);
      }

      @Override
      public void onUpdate(Task oldObject, Task newObject) {
        if (oldObject != newObject) {
          taskChanged(newObject);
        }
      }
    };
    EventHandler<Host> onHost = new EventHandler<>() {
      @Override
      public void onUpdate(Host oldObject, Host newObject) {
        if (oldObject != newObject && oldObject.spec() != null
            && !oldObject.spec().equals(newObject.spec())) {
          BridgeSession s = session;
          if (s != null) {
            s.hostsSoon();
          }
        }
      }
    };
    tasks.addHandler(onTask);
    hosts.addHandler(onHost);
    unsubscribe.add(() -> tasks.removeHandler(onTask));
    unsubscribe.add(() -> hosts.removeHandler(onHost));
    informers.start();
    try {
      if (!tasks.awaitSynced(Duration.ofMinutes(2)) || !hosts.awaitSynced(Duration.ofMinutes(2))) {
        throw new IllegalStateException("Task/Host caches did not sync with " + api.server()
            + " within 2 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while syncing caches", e);
    }
    Duration lease = config.leaseDuration();
    LeaderElectionConfig election = new LeaderElectionConfig(config.leaseName(),
        config.identity(), lease, lease.multipliedBy(2).dividedBy(3),
        Duration.ofMillis(Math.max(200, lease.toMillis() / 6)));
    elector = new LeaderElector(api, election, new LeaderCallbacks() {
      @Override
      public void onStartedLeading() {
        leadership.execute(MesosBridge.this::lead);
      }

      @Override
      public void onStoppedLeading() {
        leadership.execute(MesosBridge.this::follow);
      }
    }).start();
  }

  private void taskChanged(Task task) {
    BridgeSession s = session;
    if (s != null) {
      s.onTaskChange(task);
    }
  }

  private void lead() {
    if (closed || session != null) {
      return;
    }
    LOG.info("{} leads the Mesos bridge", config.identity());
    BridgeSession s = new BridgeSession(vertx, api, config, tasks.cache(), hosts.cache(),
        idStore);
    session = s;
    try {
      s.start();
    } catch (RuntimeException e) {
      LOG.warn("could not start the Mesos session: {}", e.toString());
      session = null;
      s.close();
    }
  }

  private void follow() {
    BridgeSession s = session;
    session = null;
    if (s != null) {
      LOG.info("{} stopped leading the Mesos bridge", config.identity());
      s.close();
    }
  }

  public boolean isLeader() {
    return elector != null && elector.isLeader() && session != null;
  }

  /** The current leadership term, or null while standing by. */
  public BridgeSession session() {
    return session;
  }

  /** The Task cache this replica works from (kept warm while standing by too). */
  public io.peloton.client.informer.ObjectCache<Task> taskCache() {
    return tasks.cache();
  }

  public BridgeConfig config() {
    return config;
  }

  /**
   * Dies as {@code kill -9} would, in-process: stops renewing the lease without releasing it
   * and drops the Mesos stream without a word. A standby takes over once the lease expires.
   */
  public void crash() {
    closed = true;
    elector.abandon();
    follow();
    shutdown();
  }

  /** Steps down (releasing the lease so a standby takes over at once) and stops. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    elector.close();
    follow();
    shutdown();
  }

  private void shutdown() {
    leadership.shutdown();
    try {
      leadership.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    unsubscribe.forEach(Runnable::run);
    if (ownSet) {
      informers.close(); // a shared set is closed by its owner, after every component
    }
    vertx.close();
  }
}
