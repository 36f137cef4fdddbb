package io.peloton.bridge;

import io.peloton.api.host.Host;
import io.peloton.api.task.Task;
import io.peloton.bridge.framework.FrameworkIdStore;
import io.peloton.bridge.hosts.HostSync;
import io.peloton.bridge.launch.LaunchLedger;
import io.peloton.bridge.launch.OfferDemand;
import io.peloton.bridge.launch.OfferPool;
import io.peloton.bridge.launch.TaskKiller;
import io.peloton.bridge.launch.TaskLauncher;
import io.peloton.bridge.maintenance.MaintenanceController;
import io.peloton.bridge.mesos.CappedBackoff;
import io.peloton.bridge.mesos.MasterAddress;
import io.peloton.bridge.mesos.MesosHttp;
import io.peloton.bridge.mesos.MesosSchedulerClient;
import io.peloton.bridge.mesos.OperatorClient;
import io.peloton.bridge.mesos.SchedulerListener;
import io.peloton.bridge.reconcile.TaskReconciler;
import io.peloton.bridge.status.StatusPatchBatcher;
import io.peloton.bridge.status.StatusRecorder;
import io.peloton.bridge.status.TaskStatusWriter;
import io.peloton.client.ApiClient;
import io.peloton.client.DaemonThreads;
import io.peloton.client.ObjectKey;
import io.peloton.client.informer.ObjectCache;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One leadership term of the bridge: the Mesos subscription and everything that acts on it
 * (launching, killing, status, reconciliation, hosts, maintenance). Events arrive in order on
 * one dispatch thread that only touches memory; store writes run on worker threads.
 */
public final class BridgeSession implements SchedulerListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeSession.class);

  private final BridgeConfig config;
  private final ObjectCache<Task> tasks;
  private final FrameworkIdStore idStore;
  private final MesosHttp http;
  private final OperatorClient operator;
  private final MesosSchedulerClient client;
  private final ExecutorService dispatch;
  private final ScheduledExecutorService background;
  private final OfferPool offers = new OfferPool();
  private final LaunchLedger ledger = new LaunchLedger();
  private final TaskStatusWriter writer;
  private final StatusPatchBatcher batcher;
  // blocking API calls off the event and launch threads: re-reads, Host writes
  private final java.util.concurrent.ExecutorService apiCalls;
  private final HostSync hostSync;
  private final MaintenanceController maintenance;
  private final AtomicBoolean hostsQueued = new AtomicBoolean();
  private volatile String storedId;
  private volatile Protos.FrameworkID frameworkId;
  private volatile TaskLauncher launcher;
  private volatile StatusRecorder recorder;
  private volatile TaskReconciler reconciler;
  private volatile TaskKiller killer;
  private volatile OfferDemand demand;
  private volatile boolean closed;

  BridgeSession(Vertx vertx, ApiClient api, BridgeConfig config, ObjectCache<Task> tasks,
      ObjectCache<Host> hosts, FrameworkIdStore idStore) {
    this.config = config;
    this.tasks = tasks;
    this.idStore = idStore;
    this.http = new MesosHttp(vertx, MasterAddress.parse(config.master()),
        config.launchWorkers() + config.statusWriters() + 4);
    this.operator = new OperatorClient(http, config.encoding());
    this.batcher = new StatusPatchBatcher(api, config.statusWriters());
    this.apiCalls = Executors.newCachedThreadPool(DaemonThreads.named("bridge-api-call"));
    this.writer = new TaskStatusWriter(api, tasks, batcher, apiCalls);
    this.dispatch = Executors.newSingleThreadExecutor(DaemonThreads.named("bridge-events"));
    this.background = Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.named("bridge-background"));
    this.hostSync = new HostSync(operator, api, hosts, tasks, config.framework().role(), apiCalls,
        this::unavailabilityOf);
    this.maintenance = new MaintenanceController(operator, hosts, hostSync,
        config.maintenanceWindow());
    this.client = new MesosSchedulerClient(vertx, http, config.encoding(),
        new CappedBackoff(config.minBackoff(), config.maxBackoff()),
        config.minHeartbeatTimeout(), this::subscribeCall, this, dispatch);
  }

  private io.peloton.api.host.HostStatus.Unavailability unavailabilityOf(String hostname) {
    MaintenanceController m = maintenance;
    return m == null ? null : m.unavailabilityOf(hostname);
  }


  /** Loads the framework ID (blocking) and starts subscribing. */
  void start() {
    storedId = idStore.load().orElse(null);
    LOG.info("starting Mesos session with {} (framework id {})", config.master(),
        storedId == null ? "not yet assigned" : storedId);
    client.start();
    long refresh = config.hostRefresh().toMillis();
    background.scheduleWithFixedDelay(this::hostsTick, refresh, refresh, TimeUnit.MILLISECONDS);
    long implicit = config.implicitReconcile().toMillis();
    background.scheduleWithFixedDelay(() -> {
      TaskReconciler r = reconciler;
      if (r != null && client.isSubscribed()) {
        r.implicit();
      }
    }, implicit, implicit, TimeUnit.MILLISECONDS);
  }

  private Call subscribeCall() {
    String id = storedId;
    Call.Subscribe.Builder sub = Call.Subscribe.newBuilder()
        .setFrameworkInfo(config.framework().toFrameworkInfo(id));
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(sub);
    if (id != null) {
      call.setFrameworkId(Protos.FrameworkID.newBuilder().setValue(id));
    }
    return call.build();
  }

  @Override
  public void onSubscribed(Event.Subscribed subscribed) {
    Protos.FrameworkID id = subscribed.getFrameworkId();
    if (frameworkId == null || !frameworkId.equals(id)) {
      buildComponents(id);
    }
    storedId = id.getValue();
    demand.onSubscribed();
    background.execute(() -> {
      try {
        idStore.save(id.getValue());
        reconciler.explicit();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("after SUBSCRIBED: {}", e.toString());
      }
    });
    hostsSoon();
    launcher.signal();
  }

  private void buildComponents(Protos.FrameworkID id) {
    if (launcher != null) {
      launcher.close();
      recorder.close();
    }
    frameworkId = id;
    killer = new TaskKiller(client, id);
    demand = new OfferDemand(client, id);
    recorder = new StatusRecorder(client, id, writer, tasks, ledger, killer);
    reconciler = new TaskReconciler(client, id, tasks, ledger, config.reconcileBatchSize(),
        config.reconcileBatchInterval());
    maintenance.attach(client, id);
    launcher = new TaskLauncher(client, id, tasks, offers, ledger, writer, killer, demand,
        config.declineRefuseSeconds(), config.launchWorkers()).start();
  }

  @Override
  public void onEvent(Event event) {
    switch (event.getType()) {
      case OFFERS -> {
        for (Protos.Offer o : event.getOffers().getOffersList()) {
          offers.add(o);
          hostSync.learn(o.getAgentId().getValue(), o.getHostname());
        }
        launcher.signal();
      }
      case RESCIND -> offers.rescind(event.getRescind().getOfferId());
      case UPDATE -> recorder.submit(event.getUpdate().getStatus());
      case INVERSE_OFFERS -> {
        maintenance.onInverseOffers(event.getInverseOffers().getInverseOffersList());
        hostsSoon();
      }
      case RESCIND_INVERSE_OFFER -> maintenance.onRescind(
          event.getRescindInverseOffer().getInverseOfferId());
      case FAILURE -> {
        if (!event.getFailure().hasExecutorId()) {
          hostsSoon(); // an agent was lost
        }
      }
      case ERROR -> LOG.warn("Mesos ERROR: {}", event.getError().getMessage());
      default -> LOG.debug("ignoring {} event", event.getType());
    }
  }

  @Override
  public void onDisconnected(String reason) {
    offers.takeAll();
    maintenance.dropInverseOffers();
  }

  /** A Task changed: look for work soon. */
  void onTaskChange(Task task) {
    // the cache caught up with our own write: our copy of the Task is no longer needed
    writer.forgetIfCached(ObjectKey.of(task));
    TaskLauncher l = launcher;
    if (l != null) {
      l.signal();
    }
  }

  /** Re-reads agents and maintenance soon (coalesced). */
  void hostsSoon() {
    if (!closed && hostsQueued.compareAndSet(false, true)) {
      background.execute(this::hostsTick);
    }
  }

  private void hostsTick() {
    hostsQueued.set(false);
    if (closed || !client.isSubscribed()) {
      return;
    }
    try {
      maintenance.reconcile();
    } catch (Exception e) {
      LOG.warn("maintenance reconcile failed: {}", e.toString());
    }
    try {
      hostSync.refresh();
    } catch (Exception e) {
      LOG.warn("host refresh failed: {}", e.toString());
    }
  }

  // ---- observability for tests, the bench and metrics

  public MesosSchedulerClient client() {
    return client;
  }

  public TaskLauncher launcher() {
    return launcher;
  }

  public StatusRecorder recorder() {
    return recorder;
  }

  public TaskReconciler reconciler() {
    return reconciler;
  }

  public OfferDemand demand() {
    return demand;
  }

  public MaintenanceController maintenance() {
    return maintenance;
  }

  public String frameworkId() {
    return frameworkId == null ? null : frameworkId.getValue();
  }

  /** Stops everything of this term; the framework stays registered (no TEARDOWN). */
  @Override
  public void close() {
    closed = true;
    client.close();
    background.shutdownNow();
    dispatch.shutdownNow();
    if (launcher != null) {
      launcher.close();
    }
    if (recorder != null) {
      recorder.close();
    }
    batcher.close();
    apiCalls.shutdownNow();
    http.close();
  }
}
