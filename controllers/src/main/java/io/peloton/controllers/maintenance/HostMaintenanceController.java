package io.peloton.controllers.maintenance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec;
import io.peloton.api.host.HostSpec.MaintenanceMode;
import io.peloton.api.host.HostState;
import io.peloton.api.job.Job;
import io.peloton.api.maintenance.HostMaintenance;
import io.peloton.api.maintenance.HostMaintenanceStatus;
import io.peloton.api.maintenance.HostMaintenanceStatus.HostProgress;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.ObjectKey;
import io.peloton.client.TypedClient;
import io.peloton.client.informer.EventHandler;
import io.peloton.client.reconcile.EnqueueKeys;
import io.peloton.client.reconcile.Result;
import io.peloton.client.workqueue.WorkQueue;
import io.peloton.controllers.KeyOwnership;
import io.peloton.controllers.SharedInformers;
import io.peloton.controllers.WellKnownKeys;
import io.peloton.controllers.events.EventRecorder;
import io.peloton.controllers.job.TaskFactory;
import io.peloton.controllers.job.TaskRun;
import io.peloton.controllers.status.Conditions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Takes the hosts of a HostMaintenance down and back up: cordon and DRAIN, evict tasks (a new
 * run elsewhere) within each job's maximumUnavailableInstances, DOWN once empty; on
 * {@code spec.complete}, maintenance NONE and uncordon. Progress per host in status and Events.
 */
public final class HostMaintenanceController {
  /** While hosts are on their way, look again this often even without events. */
  private static final Duration RECHECK = Duration.ofSeconds(10);

  private final SharedInformers informers;
  private final TypedClient<HostMaintenance> maintenances;
  private final TypedClient<Host> hosts;
  private final TypedClient<Task> tasks;
  private final EventRecorder events;
  private final KeyOwnership ownership;
  private final Clock clock;

  public HostMaintenanceController(ApiClient api, SharedInformers informers,
      EventRecorder events, KeyOwnership ownership) {
    this(api, informers, events, ownership, Clock.systemUTC());
  }

  public HostMaintenanceController(ApiClient api, SharedInformers informers,
      EventRecorder events, KeyOwnership ownership, Clock clock) {
    this.clock = clock;
    this.informers = informers;
    this.maintenances = api.typed(HostMaintenance.class);
    this.hosts = api.typed(Host.class);
    this.tasks = api.typed(Task.class);
    this.events = events;
    this.ownership = ownership;
  }

  /** HostMaintenances by key; Hosts and Tasks to the maintenances that name their host. */
  public void register(WorkQueue<ObjectKey> queue) {
    informers.maintenances().addHandler(EnqueueKeys.byObjectKey(queue));
    informers.hosts().addHandler(new EventHandler<Host>() {
      @Override
      public void onAdd(Host h) {
        naming(queue, h.metadata().name(), null);
      }

      @Override
      public void onUpdate(Host a, Host b) {
        naming(queue, b.metadata().name(), null);
      }
    });
    informers.tasks().addHandler(new EventHandler<Task>() {
      @Override
      public void onAdd(Task t) {
        touched(queue, t);
      }

      @Override
      public void onUpdate(Task a, Task b) {
        touched(queue, a);
        touched(queue, b);
      }

      @Override
      public void onDelete(Task t, boolean finalStateUnknown) {
        touched(queue, t);
      }
    });
  }

  private void touched(WorkQueue<ObjectKey> queue, Task t) {
    String a = t.spec() == null ? null : t.spec().host();
    String b = t.status() == null ? null : t.status().host();
    if (a != null || b != null) {
      naming(queue, a, b);
    }
  }

  private void naming(WorkQueue<ObjectKey> queue, String h1, String h2) {
    naming(informers.maintenances().cache().list(), h1, h2).forEach(queue::add);
  }

  /**
   * The maintenances that name {@code h1} or {@code h2}; either may be null (a Task evicted
   * for a new run has a status host but no spec host yet). Immutable lists throw on
   * {@code contains(null)}, so nulls are never looked up.
   */
  static List<ObjectKey> naming(List<HostMaintenance> maintenances, String h1, String h2) {
    List<ObjectKey> out = new ArrayList<>();
    for (HostMaintenance m : maintenances) {
      List<String> hs = m.spec() == null || m.spec().hosts() == null ? List.of() : m.spec().hosts();
      if (h1 != null && hs.contains(h1) || h2 != null && hs.contains(h2)) {
        out.add(ObjectKey.of(m));
      }
    }
    return out;
  }

  public Result reconcile(ObjectKey key) {
    if (!ownership.owns(key.toString())) {
      return Result.done();
    }
    HostMaintenance m = informers.maintenances().cache().get(key).orElse(null);
    if (m == null || m.spec() == null || m.metadata().deletionTimestamp() != null) {
      return Result.done();
    }
    boolean complete = Boolean.TRUE.equals(m.spec().complete());
    HostMaintenanceStatus old = m.status();
    Instant opensAt = complete ? null : MaintenanceWindow.opensAt(m.spec(), clock.instant());
    if (opensAt != null) {
      return awaitWindow(m, opensAt);
    }
    List<HostProgress> progress = new ArrayList<>();
    // evictions of this pass by job, across all its hosts: the cache does not show them yet
    Map<String, Integer> evictedPerJob = new HashMap<>();
    List<String> handedOver = new ArrayList<>();
    for (String h : m.spec().hosts() == null ? List.<String>of() : m.spec().hosts()) {
      Host host = informers.hosts().cache().get(ObjectKey.cluster(h)).orElse(null);
      if (host == null) {
        progress.add(new HostProgress(h, null, 0, null, "no Host named " + h + " exists"));
      } else if (complete && claimedBy(m, h) != null) {
        // a newer maintenance of the host owns its spec now: bringing it up would fight it
        handedOver.add(h);
        progress.add(new HostProgress(h, host.status() == null ? null : host.status().state(), 0,
            null, "hostmaintenance/" + claimedBy(m, h) + " has the host now"));
      } else if (complete) {
        progress.add(bringUp(m, host));
      } else {
        progress.add(drain(m, host, evictedPerJob));
      }
    }
    Long gen = m.metadata().generation();
    // an unknown host is reported in its progress, but nothing is being drained there
    boolean anyDraining = progress.stream().anyMatch(p -> p.state() == HostState.DRAINING
        || p.state() == HostState.UP && !complete);
    boolean allDown = !progress.isEmpty() && progress.stream().allMatch(p ->
        p.state() == HostState.DOWN);
    boolean allDrained = !progress.isEmpty() && progress.stream().allMatch(p ->
        p.state() == HostState.DRAINED || p.state() == HostState.DOWN);
    boolean allUp = !progress.isEmpty() && progress.stream().allMatch(p ->
        p.state() == HostState.UP || handedOver.contains(p.host()));
    List<Condition> wanted = new ArrayList<>();
    wanted.add(Conditions.of("Draining", !complete && anyDraining,
        !complete && anyDraining ? "TasksBeingEvicted" : "NotDraining",
        summary(progress), gen));
    wanted.add(Conditions.of("Drained", !complete && allDrained,
        allDown ? "HostsDown" : allDrained ? "HostsDrained" : "NotDrained", summary(progress),
        gen));
    wanted.add(Conditions.of("Completed", complete && allUp,
        complete ? (allUp ? "HostsUp" : "BringingUp") : "InMaintenance", summary(progress), gen));
    List<Condition> conditions = Conditions.merge(old == null ? null : old.conditions(), wanted);
    HostMaintenanceStatus next = new HostMaintenanceStatus(progress, conditions, gen);
    if (!next.equals(old)) {
      maintenances.updateStatus(new HostMaintenance(m.apiVersion(), m.kind(), m.metadata(),
          m.spec(), next));
      announce(m, old == null ? List.of() : old.hosts(), progress);
    }
    boolean settled = complete ? allUp : allDown;
    return settled ? Result.done() : Result.requeueAfter(RECHECK);
  }

  /** Before the window opens: nothing is cordoned; status says when it will be. */
  private Result awaitWindow(HostMaintenance m, Instant opensAt) {
    String when = "window opens at " + opensAt;
    List<HostProgress> progress = new ArrayList<>();
    for (String h : m.spec().hosts() == null ? List.<String>of() : m.spec().hosts()) {
      Host host = informers.hosts().cache().get(ObjectKey.cluster(h)).orElse(null);
      progress.add(host == null
          ? new HostProgress(h, null, 0, null, "no Host named " + h + " exists")
          : new HostProgress(h, host.status() == null ? null : host.status().state(), 0, null,
              "scheduled: " + when));
    }
    Long gen = m.metadata().generation();
    List<Condition> wanted = List.of(
        Conditions.of("Draining", false, "WindowNotOpen", when, gen),
        Conditions.of("Drained", false, "WindowNotOpen", when, gen),
        Conditions.of("Completed", false, "WindowNotOpen", when, gen));
    HostMaintenanceStatus old = m.status();
    HostMaintenanceStatus next = new HostMaintenanceStatus(progress,
        Conditions.merge(old == null ? null : old.conditions(), wanted), gen);
    if (!next.equals(old)) {
      maintenances.updateStatus(new HostMaintenance(m.apiVersion(), m.kind(), m.metadata(),
          m.spec(), next));
    }
    return Result.requeueAfter(MaintenanceWindow.recheckIn(opensAt, clock.instant()));
  }

  /** The other, not yet completed maintenance that names the host, or null. */
  private String claimedBy(HostMaintenance m, String host) {
    for (HostMaintenance other : informers.maintenances().cache().list()) {
      if (other.spec() != null && other.spec().hosts() != null
          && other.spec().hosts().contains(host)
          && !Boolean.TRUE.equals(other.spec().complete())
          && other.metadata().deletionTimestamp() == null
          && !other.metadata().name().equals(m.metadata().name())) {
        return other.metadata().name();
      }
    }
    return null;
  }

  private static String summary(List<HostProgress> progress) {
    StringBuilder sb = new StringBuilder();
    for (HostProgress p : progress) {
      sb.append(sb.length() == 0 ? "" : ", ").append(p.host()).append(": ")
          .append(p.state() == null ? "unknown" : p.state());
    }
    return sb.toString();
  }

  private void announce(HostMaintenance m, List<HostProgress> before, List<HostProgress> after) {
    Map<String, HostProgress> old = new HashMap<>();
    if (before != null) {
      before.forEach(p -> old.put(p.host(), p));
    }
    for (HostProgress p : after) {
      HostProgress b = old.get(p.host());
      if (p.state() != null && (b == null || b.state() != p.state())) {
        String s = p.state().name();
        events.normal(m, "Host" + s.charAt(0) + s.substring(1).toLowerCase(),
            "host " + p.host() + " is " + p.state()
                + (p.message() == null ? "" : ": " + p.message()));
      }
      if (p.blockedBy() != null && (b == null || !Objects.equals(b.blockedBy(), p.blockedBy()))) {
        events.warning(m, "EvictionBlocked", "host " + p.host() + ": " + p.blockedBy());
      }
    }
  }

  private HostProgress bringUp(HostMaintenance m, Host host) {
    HostSpec spec = host.spec();
    if (spec == null || Boolean.TRUE.equals(spec.unschedulable())
        || spec.maintenance() != MaintenanceMode.NONE) {
      host = hosts.update(new Host(host.apiVersion(), host.kind(), host.metadata(),
          new HostSpec(false, MaintenanceMode.NONE), host.status()));
      events.normal(m, "Uncordoned", "host " + host.metadata().name()
          + ": maintenance complete; machine up and schedulable again");
    }
    HostState state = host.status() == null ? null : host.status().state();
    return new HostProgress(host.metadata().name(), state, 0, null, state == HostState.UP
        ? "back up and schedulable" : "waiting for the Mesos bridge to bring the machine up");
  }

  private HostProgress drain(HostMaintenance m, Host host, Map<String, Integer> evictedPerJob) {
    String h = host.metadata().name();
    HostSpec spec = host.spec();
    MaintenanceMode mode = spec == null || spec.maintenance() == null ? MaintenanceMode.NONE
        : spec.maintenance();
    if (spec == null || !Boolean.TRUE.equals(spec.unschedulable())
        || mode == MaintenanceMode.NONE) {
      MaintenanceMode next = mode == MaintenanceMode.NONE ? MaintenanceMode.DRAIN : mode;
      host = hosts.update(new Host(host.apiVersion(), host.kind(), host.metadata(),
          new HostSpec(true, next), host.status()));
      events.normal(m, "Cordoned", "host " + h + " takes no new tasks; draining it");
      mode = next;
    }
    List<Task> remaining = new ArrayList<>();
    for (Task t : informers.tasks().cache().byIndex(SharedInformers.TASKS_BY_HOST, h)) {
      if (onHost(t, h)) {
        remaining.add(t);
      }
    }
    String blocked = null;
    for (Task t : remaining) {
      if (!h.equals(t.spec().host()) || !wantsToRun(t)
          || t.metadata().labels() != null
          && t.metadata().labels().containsKey(WellKnownKeys.DAEMON_HOST_LABEL)) {
        continue; // already evicted, being killed, or a DAEMON task its job controller removes
      }
      String jobKey = t.metadata().namespace() + "/" + t.spec().job();
      String why = slaBlocks(t, evictedPerJob.getOrDefault(jobKey, 0));
      if (why != null) {
        blocked = why;
        continue;
      }
      evict(m, t, h);
      evictedPerJob.merge(jobKey, 1, Integer::sum);
    }
    HostState state;
    String message;
    if (remaining.isEmpty()) {
      if (mode != MaintenanceMode.DOWN) {
        host = hosts.update(new Host(host.apiVersion(), host.kind(), host.metadata(),
            new HostSpec(true, MaintenanceMode.DOWN), host.status()));
      }
      boolean down = host.status() != null && host.status().state() == HostState.DOWN;
      state = down ? HostState.DOWN : HostState.DRAINED;
      message = down ? "machine is down" : "no tasks left; waiting for the machine to go down";
    } else {
      state = HostState.DRAINING;
      message = remaining.size() + " task(s) still on the host";
    }
    return new HostProgress(h, state, remaining.size(), blocked, message);
  }

  /** A task whose live run is on the host, or whose wanted run is bound to it. */
  private static boolean onHost(Task t, String h) {
    TaskRun run = new TaskRun(t);
    if (run.active() && h.equals(t.status().host())) {
      return true;
    }
    return h.equals(t.spec().host()) && wantsToRun(t) && !run.ended();
  }

  private static boolean wantsToRun(Task t) {
    TaskState g = t.spec().goalState();
    return g == TaskState.RUNNING || g == TaskState.SUCCEEDED;
  }

  /**
   * Why evicting this task would break its job's maximumUnavailableInstances, or null.
   *
   * @param evictedNow tasks of the same job this pass already evicted (not yet in the cache)
   */
  private String slaBlocks(Task t, int evictedNow) {
    Job job = informers.jobs().cache().get(t.metadata().namespace(), t.spec().job()).orElse(null);
    Integer max = job == null || job.spec() == null || job.spec().sla() == null ? null
        : job.spec().sla().maximumUnavailableInstances();
    if (max == null || max <= 0) {
      return null;
    }
    if (!new TaskRun(t).running()) {
      return null; // already unavailable: evicting it costs nothing
    }
    int unavailable = evictedNow;
    for (Task other : informers.tasks().cache().byIndex(SharedInformers.TASKS_BY_JOB,
        SharedInformers.jobKey(t.metadata().namespace(), t.spec().job()))) {
      if (!new TaskRun(other).running() || !wantsToRun(other)) {
        unavailable++;
      }
    }
    if (unavailable >= max) {
      return "job " + t.metadata().namespace() + "/" + t.spec().job()
          + " allows at most " + max + " unavailable instance(s) (spec.sla."
          + "maximumUnavailableInstances) and " + unavailable + " are unavailable";
    }
    return null;
  }

  /** A new run elsewhere: the bridge kills the old one, the scheduler places the new one. */
  private void evict(HostMaintenance m, Task t, String h) {
    Task updated;
    try {
      updated = tasks.update(TaskFactory.with(t, TaskFactory.nextRun(t.spec(), t.spec().goalState(),
          t.spec().config(), t.spec().configGeneration(), null, null), t.metadata().annotations()));
    } catch (ApiError e) {
      if (e.isConflict() || e.isNotFound()) {
        return; // changed meanwhile: the next pass sees it afresh
      }
      throw e;
    }
    String message = "KILLED_HOST_MAINTENANCE: evicted from host " + h + " for maintenance "
        + m.metadata().name() + "; run " + updated.spec().runId() + " goes elsewhere";
    ObjectNode patch = Codecs.json().createObjectNode();
    patch.putObject("status").put("reason", "KILLED_HOST_MAINTENANCE").put("message", message);
    try {
      tasks.patch(t.metadata().namespace(), t.metadata().name(), patch, true);
    } catch (ApiError e) {
      // the status note is for people; the eviction itself happened
    }
    events.normal(updated, "Evicted", message);
  }
}
