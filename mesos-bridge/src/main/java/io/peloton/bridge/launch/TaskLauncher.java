package io.peloton.bridge.launch;

import io.peloton.api.task.Task;
import io.peloton.bridge.mesos.MesosSchedulerClient;
import io.peloton.bridge.status.RunSandboxes;
import io.peloton.bridge.status.TaskStatusWriter;
import io.peloton.client.ApiError;
import io.peloton.client.DaemonThreads;
import io.peloton.client.ObjectKey;
import io.peloton.client.informer.ObjectCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launch loop: on every signal (offers arrived, a Task changed) or tick it kills what must
 * die, launches each agent's ready tasks in one ACCEPT on that agent's held offers, clears
 * bindings the offers cannot hold, declines offers nobody needs, and suppresses or revives.
 */
public final class TaskLauncher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TaskLauncher.class);
  private static final long MIN_ROUND_GAP_MILLIS = 50;
  // agents between planning and the ACCEPT's answer; their launch records share batches
  private static final int MAX_AGENTS_IN_FLIGHT = 2_000;
  // how long offers nobody needs yet are kept while tasks wait to be bound (Peloton holds them)
  private static final long OFFER_HOLD_NANOS = 10_000_000_000L;
  /**
   * The tasks to kill are walked when their number changes, else this often: a stop of 100,000
   * tasks put them all in the index, and walking it every round (up to 20 a second) held the
   * shared cache's lock most of the time. The killer sends each kill once per 30 s anyway.
   */
  private static final long KILL_SCAN_NANOS = 500_000_000L;

  private final MesosSchedulerClient client;
  private final Protos.FrameworkID frameworkId;
  private final ObjectCache<Task> tasks;
  private final OfferPool offers;
  private final LaunchLedger ledger;
  private final TaskStatusWriter writer;
  private final TaskKiller killer;
  private final OfferDemand demand;
  private final double declineRefuseSeconds;
  private final ExecutorService workers;
  private final Semaphore signal = new Semaphore(0);
  private final Thread loop;
  private volatile boolean running = true;
  // agents whose launch is between planning and the ACCEPT's answer; one at a time per agent
  private final Set<String> launching = ConcurrentHashMap.newKeySet();
  private final AtomicLong acceptCalls = new AtomicLong();
  // touched by the round loop only
  private int lastKillCount = -1;
  private long lastKillScan;
  private final AtomicLong declineCalls = new AtomicLong();
  private final AtomicLong launched = new AtomicLong();
  private final AtomicLong bindingsCleared = new AtomicLong();

  public TaskLauncher(MesosSchedulerClient client, Protos.FrameworkID frameworkId,
      ObjectCache<Task> tasks, OfferPool offers, LaunchLedger ledger, TaskStatusWriter writer,
      TaskKiller killer, OfferDemand demand, double declineRefuseSeconds, int workers) {
    this.client = client;
    this.frameworkId = frameworkId;
    this.tasks = tasks;
    this.offers = offers;
    this.ledger = ledger;
    this.writer = writer;
    this.killer = killer;
    this.demand = demand;
    this.declineRefuseSeconds = declineRefuseSeconds;
    this.workers = Executors.newFixedThreadPool(workers,
        DaemonThreads.named("bridge-launch-worker"));
    this.loop = DaemonThreads.of(this::run, "bridge-launcher");
  }

  public TaskLauncher start() {
    loop.start();
    return this;
  }

  /** Asks for a round soon (cheap; safe from any thread). */
  public void signal() {
    if (signal.availablePermits() == 0) {
      signal.release();
    }
  }

  private void run() {
    while (running) {
      try {
        signal.tryAcquire(500, TimeUnit.MILLISECONDS);
        // every status write signals; a short pause batches them so a round (the work index
        // and every held offer) runs at most ~20 times a second instead of once per event
        Thread.sleep(MIN_ROUND_GAP_MILLIS);
        signal.drainPermits();
        if (client.isSubscribed()) {
          round();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("launch round failed: {}", e.toString());
      }
    }
  }

  /** One pass over the Tasks with work for the bridge and every held offer. */
  void round() {
    Map<String, List<Task>> readyByHost = new HashMap<>();
    int toKill = tasks.countByIndex(TaskLifecycle.WORK_INDEX, TaskLifecycle.KILL);
    long now = System.nanoTime();
    if (toKill != lastKillCount || now - lastKillScan >= KILL_SCAN_NANOS) {
      lastKillCount = toKill;
      lastKillScan = now;
      for (Task t : tasks.byIndex(TaskLifecycle.WORK_INDEX, TaskLifecycle.KILL)) {
        Integer grace = t.spec().config() == null ? null
            : t.spec().config().killGracePeriodSeconds();
        killer.kill(t.status().mesosTaskId(), t.status().agentId(), grace);
      }
    }
    for (Task t : tasks.byIndex(TaskLifecycle.WORK_INDEX, TaskLifecycle.LAUNCH)) {
      if (ledger.lastLaunchedRun(t.metadata().uid()) >= TaskLifecycle.specRun(t)) {
        continue; // launched by us; the cache has not caught up yet
      }
      readyByHost.computeIfAbsent(t.spec().host(), h -> new ArrayList<>()).add(t);
    }
    // a count, not a copy: with 100,000 tasks a copy per round held the cache's lock for long
    boolean pending = tasks.countByIndex(TaskLifecycle.WORK_INDEX, TaskLifecycle.PENDING) > 0;
    Map<String, String> held = offers.agentsWithOffers();
    List<Offer> unneeded = new ArrayList<>();
    Set<String> served = new HashSet<>();
    for (Map.Entry<String, String> agent : held.entrySet()) {
      if (launching.contains(agent.getKey()) || launching.size() >= MAX_AGENTS_IN_FLIGHT) {
        // its last launch is not answered yet, or too many are under way: its tasks and offers
        // wait for a later round
        served.add(agent.getValue());
        continue;
      }
      List<Task> ready = readyByHost.get(agent.getValue());
      if ((ready == null || ready.isEmpty()) && pending
          && !offers.heldLongerThan(agent.getKey(), OFFER_HOLD_NANOS)) {
        continue; // unbound work: the scheduler may bind some here soon, keep the offers a while
      }
      List<Offer> agentOffers = offers.takeAgent(agent.getKey());
      if (agentOffers.isEmpty()) {
        continue;
      }
      if (ready == null || ready.isEmpty()) {
        unneeded.addAll(agentOffers);
        continue;
      }
      served.add(agent.getValue());
      launching.add(agent.getKey());
      CompletableFuture.supplyAsync(() -> launchOnAgent(agentOffers, ready), workers)
          .thenCompose(accepted -> accepted)
          .whenComplete((v, t) -> {
            launching.remove(agent.getKey());
            if (t != null) {
              LOG.warn("launch on {} failed", agent.getValue(), t);
            }
            signal();
          });
    }
    if (!unneeded.isEmpty()) {
      decline(unneeded, declineRefuseSeconds);
    }
    boolean starved = false;
    for (String host : readyByHost.keySet()) {
      if (!served.contains(host)) {
        starved = true;
        break;
      }
    }
    demand.update(!readyByHost.isEmpty() || pending, starved);
  }

  /**
   * Plans an agent's launches, records them (the writes of all agents leave together in
   * batches) and then ACCEPTs; the future ends when the ACCEPT is answered.
   */
  private CompletableFuture<Void> launchOnAgent(List<Offer> agentOffers, List<Task> ready) {
    ready.sort(Comparator.comparing((Task t) -> t.metadata().namespace() == null ? ""
        : t.metadata().namespace()).thenComparing(t -> t.spec().instance() == null ? 0
        : t.spec().instance()));
    LaunchPlan plan = LaunchPlanner.plan(agentOffers, ready);
    for (LaunchPlan.Rejected r : plan.rejected()) {
      try {
        writer.clearBinding(r.task(), r.message());
        bindingsCleared.incrementAndGet();
        LOG.info("cleared binding of {}: {}", ObjectKey.of(r.task()), r.message());
      } catch (ApiError e) {
        LOG.debug("could not clear binding of {}: {}", ObjectKey.of(r.task()), e.getMessage());
      }
    }
    String agentId = agentOffers.get(0).getAgentId().getValue();
    String host = agentOffers.get(0).getHostname();
    // every launch is recorded before the ACCEPT, so no replica launches a run twice
    List<CompletableFuture<Task>> marks = new ArrayList<>();
    for (LaunchPlan.Launch l : plan.launches()) {
      marks.add(writer.markLaunched(l.task(), l.runId(), l.mesosTaskId(), agentId, host,
          l.ports(), RunSandboxes.of(agentOffers.get(0), frameworkId.getValue(),
              l.mesosTaskId(), l.runId())));
    }
    return CompletableFuture.allOf(marks.toArray(new CompletableFuture[0]))
        .handle((v, t) -> null)
        .thenCompose(v -> accept(agentOffers, plan, marks, agentId, host));
  }

  private CompletableFuture<Void> accept(List<Offer> agentOffers, LaunchPlan plan,
      List<CompletableFuture<Task>> marks, String agentId, String host) {
    List<LaunchPlan.Launch> recorded = new ArrayList<>();
    for (int i = 0; i < marks.size(); i++) {
      LaunchPlan.Launch l = plan.launches().get(i);
      try {
        TaskStatusWriter.await(marks.get(i));
        ledger.record(l.mesosTaskId(), new LaunchLedger.Run(ObjectKey.of(l.task()),
            l.task().metadata().uid(), l.runId(), agentId, host));
        recorded.add(l);
      } catch (ApiError e) {
        // changed under us (409) or gone: the next round sees the new state
        LOG.debug("not launching {}: {}", ObjectKey.of(l.task()), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("not launching {}: {}", ObjectKey.of(l.task()), e.getMessage());
      }
    }
    if (recorded.isEmpty()) {
      decline(agentOffers, 0);
      signal();
      return CompletableFuture.completedFuture(null);
    }
    Protos.Offer.Operation.Launch.Builder launch = Protos.Offer.Operation.Launch.newBuilder();
    recorded.forEach(l -> launch.addTaskInfos(l.info()));
    Call.Accept.Builder accept = Call.Accept.newBuilder()
        .addOperations(Protos.Offer.Operation.newBuilder()
            .setType(Protos.Offer.Operation.Type.LAUNCH).setLaunch(launch))
        .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(declineRefuseSeconds));
    agentOffers.forEach(o -> accept.addOfferIds(o.getId()));
    acceptCalls.incrementAndGet();
    return client.call(Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(frameworkId)
            .setAccept(accept).build())
        .orTimeout(30, TimeUnit.SECONDS)
        .handleAsync((v, t) -> {
          if (t == null) {
            launched.addAndGet(recorded.size());
            return null;
          }
          Throwable cause = t instanceof java.util.concurrent.CompletionException
              && t.getCause() != null ? t.getCause() : t;
          String why = "ACCEPT on " + host + " failed: " + cause.getMessage();
          LOG.warn(why);
          for (LaunchPlan.Launch l : recorded) {
            try {
              writer.markLaunchLost(ObjectKey.of(l.task()), l.runId(), why);
            } catch (RuntimeException ignored) {
              // reconciliation will find the run unknown to Mesos and mark it LOST
            }
          }
          return null;
        }, workers);
  }

  private void decline(List<Offer> list, double refuseSeconds) {
    Call.Decline.Builder d = Call.Decline.newBuilder()
        .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(refuseSeconds));
    list.forEach(o -> d.addOfferIds(o.getId()));
    declineCalls.incrementAndGet();
    client.call(Call.newBuilder().setType(Call.Type.DECLINE).setFrameworkId(frameworkId)
        .setDecline(d).build()).whenComplete((v, t) -> {
          if (t != null) {
            LOG.debug("DECLINE failed: {}", t.getMessage());
          }
        });
  }

  /** Offers held when the subscription ended are void; just forget them. */
  public void dropOffers() {
    offers.takeAll();
  }

  public long acceptCalls() {
    return acceptCalls.get();
  }

  public long declineCalls() {
    return declineCalls.get();
  }

  public long launched() {
    return launched.get();
  }

  public long bindingsCleared() {
    return bindingsCleared.get();
  }

  @Override
  public void close() {
    running = false;
    loop.interrupt();
    workers.shutdownNow();
    try {
      loop.join(5_000);
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
