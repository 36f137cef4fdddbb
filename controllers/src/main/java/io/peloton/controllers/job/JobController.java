package io.peloton.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.host.Host;
import io.peloton.api.job.Job;
import io.peloton.api.job.JobConditions;
import io.peloton.api.job.JobSpec;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.job.JobState;
import io.peloton.api.job.JobStatus;
import io.peloton.api.meta.Condition;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.meta.OwnerReference;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskSpec;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TaskStatus;
import io.peloton.api.taskconfig.RestartPolicy;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.ObjectKey;
import io.peloton.client.TypedClient;
import io.peloton.client.informer.EventHandler;
import io.peloton.client.reconcile.Result;
import io.peloton.client.workqueue.WorkQueue;
import io.peloton.controllers.ControllerConfig;
import io.peloton.controllers.KeyOwnership;
import io.peloton.controllers.ObjectMetas;
import io.peloton.controllers.SharedInformers;
import io.peloton.controllers.WellKnownKeys;
import io.peloton.controllers.events.EventRecorder;
import io.peloton.controllers.pool.PoolTree;
import io.peloton.controllers.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a Job's Tasks: creates one per instance (capped by maximumRunningInstances, gangs
 * whole), sets their goals, restarts ended runs by the job type's rules, enforces
 * maxRunningTime, follows Hosts for DAEMON jobs, and derives the Job's status.
 */
public final class JobController {
  private static final Logger LOG = LoggerFactory.getLogger(JobController.class);
  /** Objects per bulk create request. */
  // large enough that the server admits one request's Tasks on several threads at once
  private static final int CREATE_CHUNK = 2_000;
  /** Task annotation: failed runs so far (authoritative; mirrored into status.failureCount). */
  public static final String FAILURE_COUNT_ANNOTATION = "peloton.io/failure-count";

  private final SharedInformers informers;
  private final TypedClient<Job> jobs;
  private final TypedClient<Task> tasks;
  private final ApiClient api;
  private final EventRecorder events;
  private final RestartBackoff backoff;
  private final KeyOwnership ownership;
  private final Duration taskEventBatch;
  private final ConcurrentTaskUpdates concurrentUpdates;

  public JobController(ApiClient api, SharedInformers informers, EventRecorder events,
      ControllerConfig config, KeyOwnership ownership) {
    this.api = api;
    this.informers = informers;
    this.jobs = api.typed(Job.class);
    this.tasks = api.typed(Task.class);
    this.events = events;
    this.backoff = new RestartBackoff(config.restartBackoffBase(), config.restartBackoffMax());
    this.ownership = ownership;
    this.taskEventBatch = config.taskEventBatch();
    this.concurrentUpdates = new ConcurrentTaskUpdates(tasks);
  }

  /**
   * Wires the informers to the queue: Jobs by key (at once, unless only their status changed),
   * Tasks by their Job after {@code taskEventBatch}, Hosts to DAEMON jobs.
   */
  public void register(WorkQueue<ObjectKey> queue) {
    informers.jobs().addHandler(new EventHandler<Job>() {
      @Override
      public void onAdd(Job j) {
        queue.add(ObjectKey.of(j));
      }

      @Override
      public void onUpdate(Job a, Job b) {
        // our own status writes (and resyncs) come back here: batch them like Task changes
        if (Objects.equals(a.spec(), b.spec()) && sameButVersion(a.metadata(), b.metadata())) {
          queue.addAfter(ObjectKey.of(b), taskEventBatch);
        } else {
          queue.add(ObjectKey.of(b));
        }
      }

      @Override
      public void onDelete(Job j, boolean finalStateUnknown) {
        queue.add(ObjectKey.of(j));
      }
    });
    informers.tasks().addHandler(EventHandler.onAny(t -> {
      String job = label(t, WellKnownKeys.JOB_LABEL);
      if (job != null) {
        queue.addAfter(ObjectKey.of(t.metadata().namespace(), job), taskEventBatch);
      }
    }));
    informers.hosts().addHandler(EventHandler.<Host>onAny(h -> daemons(queue)));
    informers.pools().addHandler(new EventHandler<ResourcePool>() {
      @Override
      public void onAdd(ResourcePool p) {
        jobsIn(queue);
      }

      @Override
      public void onUpdate(ResourcePool a, ResourcePool b) {
        if (!Objects.equals(a.spec(), b.spec())) {
          jobsIn(queue);
        }
      }
    });
  }

  private void jobsIn(WorkQueue<ObjectKey> queue) {
    informers.jobs().cache().list().forEach(j -> queue.add(ObjectKey.of(j)));
  }

  private void daemons(WorkQueue<ObjectKey> queue) {
    for (Job j : informers.jobs().cache().list()) {
      if (j.spec() != null && j.spec().type() == JobType.DAEMON) {
        queue.add(ObjectKey.of(j));
      }
    }
  }

  /** One pass over one Job. */
  public Result reconcile(ObjectKey key) {
    if (!ownership.owns(key.toString())) {
      return Result.done();
    }
    Job job = informers.jobs().cache().get(key).orElse(null);
    if (job == null || job.spec() == null || job.metadata().deletionTimestamp() != null) {
      return Result.done(); // deletion is the garbage collector's
    }
    if (!ObjectMetas.hasFinalizer(job.metadata(), WellKnownKeys.TASKS_FINALIZER)) {
      job = jobs.update(new Job(job.apiVersion(), job.kind(),
          ObjectMetas.withFinalizer(job.metadata(), WellKnownKeys.TASKS_FINALIZER), job.spec(),
          job.status()));
    }
    Pass pass = new Pass(job);
    pass.run();
    return pass.requeue == null ? Result.done() : Result.requeueAfter(pass.requeue);
  }

  /** The work of one reconcile of one Job. */
  private final class Pass {
    final Job job;
    final JobSpec spec;
    final JobType type;
    final TaskState jobGoal;
    final boolean stopping;
    final Instant now = Instant.now();
    final String restartRequest;
    Duration requeue;
    /** resourceVersion of this pass's last Task write, to let the cache catch up. */
    String lastWrite;
    /** Instances whose tasks wait out a restart backoff, to when their restart is due. */
    final Map<Integer, Instant> throttled = new TreeMap<>();
    /** A stop's goal changes, written together after the pass (see ConcurrentTaskUpdates). */
    final List<Task> kills = new ArrayList<>();

    Pass(Job job) {
      this.job = job;
      this.spec = job.spec();
      this.type = spec.type() == null ? JobType.BATCH : spec.type();
      this.jobGoal = TaskFactory.goalFor(spec);
      this.stopping = "KILLED".equals(annotation(job.metadata(),
          WellKnownKeys.GOAL_STATE_ANNOTATION));
      this.restartRequest = annotation(job.metadata(), WellKnownKeys.RESTART_ANNOTATION);
    }

    void requeueAfter(Duration d) {
      Duration at = d.isNegative() ? Duration.ZERO : d;
      requeue = requeue == null || at.compareTo(requeue) < 0 ? at : requeue;
    }

    void run() {
      String key = SharedInformers.jobKey(job.metadata().namespace(), job.metadata().name());
      Map<Integer, Task> byInstance = new TreeMap<>();
      for (Task t : informers.tasks().cache().byIndex(SharedInformers.TASKS_BY_JOB, key)) {
        if (ownedByThisJob(t) && t.spec() != null && t.spec().instance() != null) {
          byInstance.put(t.spec().instance(), t);
        }
      }
      String poolProblem = poolProblem();
      // which instances should exist
      Map<Integer, String> wanted = new TreeMap<>(); // instance -> daemon host (or null)
      if (type == JobType.DAEMON) {
        wanted.putAll(daemonInstances(byInstance));
      } else {
        int count = spec.instanceCount() == null ? 0 : spec.instanceCount();
        for (int i = 0; i < count; i++) {
          wanted.put(i, null);
        }
      }
      // surplus tasks go (scale down, a DAEMON host that left)
      for (Task t : byInstance.values()) {
        if (!wanted.containsKey(t.spec().instance()) && t.metadata().deletionTimestamp() == null) {
          deleteTask(t, type == JobType.DAEMON ? "RemovedFromHost"
              : "ScaledDown", type == JobType.DAEMON
              ? "host " + label(t, WellKnownKeys.DAEMON_HOST_LABEL) + " is no longer eligible"
              : "instance " + t.spec().instance() + " is beyond instanceCount");
        }
      }
      Map<Integer, Task> current = new TreeMap<>();
      for (Map.Entry<Integer, Task> e : byInstance.entrySet()) {
        if (wanted.containsKey(e.getKey())) {
          Task t = e.getValue();
          current.put(e.getKey(), t.metadata().deletionTimestamp() == null ? safely(t) : t);
        }
      }
      writeKills();
      if (!stopping && poolProblem == null) {
        createMissing(wanted, current);
      }
      writeStatus(wanted.size(), current, poolProblem);
      if (lastWrite != null) {
        try {
          // the next pass should see our own writes rather than conflict on them
          informers.tasks().awaitResourceVersion(lastWrite, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Writes a stop's goal changes concurrently; a conflicting one is looked at again soon. */
    private void writeKills() {
      if (kills.isEmpty()) {
        return;
      }
      try {
        ConcurrentTaskUpdates.Outcome outcome = concurrentUpdates.updateAll(kills);
        if (outcome.conflicts() > 0) {
          requeueAfter(Duration.ZERO);
        }
        lastWrite = outcome.newest() != null ? outcome.newest() : lastWrite;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        requeueAfter(Duration.ZERO);
      }
    }

    /** One task's conflict must not hold up the others: it is simply looked at again soon. */
    private Task safely(Task t) {
      try {
        return reconcileTask(t);
      } catch (ApiError e) {
        if (e.isConflict() || e.isNotFound()) {
          requeueAfter(Duration.ZERO);
          return t;
        }
        throw e;
      }
    }

    private boolean ownedByThisJob(Task t) {
      List<OwnerReference> refs = t.metadata().ownerReferences();
      if (refs == null) {
        return false;
      }
      // a loop, not a stream: this runs for every Task of the Job on every pass
      for (OwnerReference r : refs) {
        if ("Job".equals(r.kind()) && Objects.equals(r.uid(), job.metadata().uid())) {
          return true;
        }
      }
      return false;
    }

    /** Why tasks cannot be created in the job's pool, or null when they can. */
    private String poolProblem() {
      PoolTree tree = PoolTree.of(informers.pools().cache().list());
      String path = spec.respool();
      if (path == null || tree.byPath(path) == null) {
        return "PoolNotFound:resource pool '" + path + "' does not exist";
      }
      if (!tree.childrenOf(path).isEmpty()) {
        return "PoolNotLeaf:resource pool '" + path
            + "' has child pools; jobs run only in leaf pools";
      }
      return null;
    }

    /** DAEMON: one instance per eligible host, keeping existing host-to-instance pairs. */
    private Map<Integer, String> daemonInstances(Map<Integer, Task> byInstance) {
      TreeSet<String> eligible = new TreeSet<>();
      TaskConfig cfg = spec.defaultConfig();
      for (Host h : informers.hosts().cache().list()) {
        if (HostEligibility.eligible(h, cfg == null ? null : cfg.constraint())) {
          eligible.add(h.metadata().name());
        }
      }
      Map<Integer, String> out = new TreeMap<>();
      Map<String, Integer> taken = new HashMap<>();
      for (Task t : byInstance.values()) {
        String host = label(t, WellKnownKeys.DAEMON_HOST_LABEL);
        if (host != null && eligible.contains(host) && t.metadata().deletionTimestamp() == null
            && !taken.containsKey(host)) {
          out.put(t.spec().instance(), host);
          taken.put(host, t.spec().instance());
        }
      }
      int next = 0;
      for (String host : eligible) {
        if (taken.containsKey(host)) {
          continue;
        }
        while (byInstance.containsKey(next) || out.containsKey(next)) {
          next++;
        }
        out.put(next, host);
      }
      return out;
    }

    /** A task is done for good: a batch run succeeded or used up its retries, or was killed. */
    private boolean isFinal(Task t) {
      TaskRun run = new TaskRun(t);
      if (run.goalIs(TaskState.KILLED)
          && run.annotation(WellKnownKeys.KILL_REASON_ANNOTATION) != null) {
        return !run.active();
      }
      if (type != JobType.BATCH || !run.ended()) {
        return false;
      }
      return run.state() == TaskState.SUCCEEDED || failuresOf(t) >= maxFailures(t);
    }

    /** The task's restartPolicy.maxFailures (clamped like Peloton's), 0 when unset. */
    private int maxFailures(Task t) {
      TaskConfig cfg = t.spec().config() != null ? t.spec().config() : spec.defaultConfig();
      Integer m = cfg == null || cfg.restartPolicy() == null ? null
          : cfg.restartPolicy().maxFailures();
      return m == null ? 0 : Math.min(m, RestartPolicy.MAX_FAILURES_LIMIT);
    }

    /** Decides the next step of one task; returns the task as it now is. */
    private Task reconcileTask(Task t) {
      TaskRun run = new TaskRun(t);
      TaskSpec s = t.spec();
      int instance = s.instance();
      Map<String, String> ann = t.metadata().annotations() == null ? new HashMap<>()
          : new HashMap<>(t.metadata().annotations());
      String daemonHost = label(t, WellKnownKeys.DAEMON_HOST_LABEL);
      TaskConfig wantConfig = TaskFactory.configFor(spec, instance);
      int failures = failuresOf(t);

      if (run.goalIs(TaskState.DELETED)) {
        return t;
      }
      if (stopping) {
        if (!run.goalIs(TaskState.KILLED) && !isFinal(t)) {
          // about the Job, counted: one Event for the whole stop, not one per task
          events.normal(job, "Killing", "stopping the job's instances: the job is asked to stop");
          kills.add(TaskFactory.with(t, TaskFactory.withGoal(s, TaskState.KILLED), ann));
          return t;
        }
        return syncStatus(t, failures, null);
      }
      String preempted = ann.get(WellKnownKeys.PREEMPTED_ANNOTATION);
      if (preempted != null) {
        if (run.active()) {
          return syncStatus(t, failures, null); // the bridge is still killing it
        }
        ann.remove(WellKnownKeys.PREEMPTED_ANNOTATION);
        return write(t, TaskFactory.nextRun(s, jobGoal, s.config(), s.configGeneration(),
            daemonHost, run.host()), ann, "Preempted",
            "instance " + instance + " was preempted (" + preempted + "); starting run "
                + (run.runId() + 1));
      }
      if (run.goalIs(TaskState.KILLED)) {
        if (ann.containsKey(WellKnownKeys.KILL_REASON_ANNOTATION) || run.active()) {
          return syncStatus(t, failures, null); // killed for good, or still dying
        }
        return write(t, TaskFactory.nextRun(s, jobGoal, wantConfig, job.metadata().generation(),
            daemonHost, run.host()), ann, "Starting",
            "starting instance " + instance + " again: the job is no longer stopped");
      }
      if (isFinal(t)) {
        return syncStatus(t, failures, null);
      }
      // a spec change runs the instance again on the new config
      if (!Objects.equals(s.config(), wantConfig)) {
        return write(t, TaskFactory.nextRun(TaskFactory.withJobFields(s, spec), jobGoal,
            wantConfig, job.metadata().generation(), daemonHost, run.host()), ann,
            "SpecUpdated", "instance " + instance + " restarts on generation "
                + job.metadata().generation() + " of the job spec");
      }
      TaskSpec refreshed = TaskFactory.withJobFields(s, spec);
      if (!refreshed.equals(s)) {
        return write(t, refreshed, ann, null, null);
      }
      if (restartRequest != null
          && !restartRequest.equals(ann.get(WellKnownKeys.RESTARTED_FOR_ANNOTATION))) {
        ann.put(WellKnownKeys.RESTARTED_FOR_ANNOTATION, restartRequest);
        return write(t, TaskFactory.nextRun(s, jobGoal, s.config(), s.configGeneration(),
            daemonHost, run.host()), ann, "Restarting",
            "restarting instance " + instance + " as requested (" + restartRequest + ")");
      }
      if (run.ended()) {
        return restartEnded(t, run, ann, failures, daemonHost);
      }
      Integer maxRunning = spec.sla() == null ? null : spec.sla().maxRunningTime();
      if (type == JobType.BATCH && maxRunning != null && maxRunning > 0 && run.running()
          && t.status().startTime() != null) {
        Instant deadline = Rfc3339.parse(t.status().startTime()).plusSeconds(maxRunning);
        if (!now.isBefore(deadline)) {
          ann.put(WellKnownKeys.KILL_REASON_ANNOTATION, "DEADLINE_TIMEOUT_EXCEEDED");
          return write(t, TaskFactory.withGoal(s, TaskState.KILLED), ann,
              "DeadlineExceeded", "instance " + instance + " ran longer than maxRunningTime ("
                  + maxRunning + "s); killing it");
        }
        requeueAfter(Duration.between(now, deadline));
      }
      return syncStatus(t, failures, null);
    }

    /** The run ended and the task is not final: restart now, or after the backoff. */
    private Task restartEnded(Task t, TaskRun run, Map<String, String> ann, int failures,
        String daemonHost) {
      TaskSpec s = t.spec();
      int instance = s.instance();
      int counted = failures + 1;
      ann.put(FAILURE_COUNT_ANNOTATION, Integer.toString(counted));
      if (type == JobType.BATCH) {
        return write(t, TaskFactory.nextRun(s, jobGoal, s.config(), s.configGeneration(),
            daemonHost, null), ann, "Restarting", "instance " + instance + " run "
                + run.runId() + " ended " + run.state() + "; retry " + counted + " of "
                + maxFailures(t) + " (restartPolicy.maxFailures)");
      }
      Duration delay = backoff.delay(counted);
      Instant ended = endedAt(t);
      Instant due = ended.plus(delay);
      if (now.isBefore(due)) {
        throttled.put(instance, due);
        requeueAfter(Duration.between(now, due));
        String message = "run " + run.runId() + " ended " + run.state() + " (failure " + counted
            + "); restarting after a backoff of " + seconds(delay) + " at "
            + Rfc3339.format(due.truncatedTo(ChronoUnit.MILLIS));
        if (CrashLoop.isNewBackoff(t.status(), run.runId())) {
          events.warning(job, JobConditions.CRASH_LOOP_BACK_OFF, "instance " + instance + " "
              + message);
        }
        return syncStatus(t, failures, Conditions.of(JobConditions.THROTTLED, true,
            JobConditions.RESTART_BACKOFF, message, null));
      }
      return write(t, TaskFactory.nextRun(s, jobGoal, s.config(), s.configGeneration(),
          daemonHost, run.state() == TaskState.LOST || run.state() == TaskState.FAILED
              ? null : run.host()), ann, "Restarting",
          "instance " + instance + " run " + run.runId() + " ended " + run.state()
              + "; restarting after a backoff of " + seconds(delay) + " (failure " + counted + ")");
    }

    /** When the ended run ended: the bridge's completionTime, else when we first saw it. */
    private Instant endedAt(Task t) {
      TaskStatus st = t.status();
      if (st.completionTime() != null) {
        return Rfc3339.parse(st.completionTime());
      }
      Condition c = Conditions.find(st.conditions(), JobConditions.THROTTLED);
      if (c != null && Condition.TRUE.equals(c.status()) && c.lastTransitionTime() != null
          && c.message() != null && c.message().startsWith("run " + st.runId() + " ")) {
        return Rfc3339.parse(c.lastTransitionTime());
      }
      return now;
    }

    /** Writes the task's spec/annotations (resourceVersion-checked) and records an event. */
    private Task write(Task t, TaskSpec spec2, Map<String, String> ann, String reason,
        String message) {
      Task updated = tasks.update(TaskFactory.with(t, spec2, ann));
      lastWrite = updated.metadata().resourceVersion();
      if (reason != null) {
        events.normal(updated, reason, message);
      }
      return syncStatus(updated, failuresOf(updated), null);
    }

    /** Mirrors failureCount and the Throttled condition into the task's status when they differ. */
    private Task syncStatus(Task t, int failures, Condition throttle) {
      TaskStatus st = t.status();
      List<Condition> conds = st == null || st.conditions() == null ? List.of() : st.conditions();
      Condition old = Conditions.find(conds, JobConditions.THROTTLED);
      // the only Task condition this controller owns; the scheduler and the bridge write others
      Condition wanted = throttle != null ? throttle
          : old != null && Condition.TRUE.equals(old.status())
              ? Conditions.of(JobConditions.THROTTLED, false, "Restarted",
                  "the instance was restarted", null)
              : old;
      List<Condition> next = Conditions.merge(conds,
          wanted == null ? List.of() : List.of(wanted), Set.of(JobConditions.THROTTLED));
      int shownFailures = st == null || st.failureCount() == null ? 0 : st.failureCount();
      if (next.equals(conds) && shownFailures == failures) {
        return t;
      }
      TaskStatus s = st == null
          ? new TaskStatus(null, null, null, null, null, null, null, null, null, failures, null,
              null, null, null, next, null, null, null)
          : new TaskStatus(st.state(), st.runId(), st.mesosTaskId(), st.prevMesosTaskId(),
              st.agentId(), st.host(), st.ports(), st.startTime(), st.completionTime(), failures,
              st.reason(), st.message(), st.terminationStatus(), st.healthy(), next,
              st.observedGeneration(), st.sandbox(), st.previousRuns());
      try {
        Task written = tasks.updateStatus(new Task(t.apiVersion(), t.kind(), t.metadata(),
            t.spec(), s));
        lastWrite = written.metadata().resourceVersion();
        return written;
      } catch (ApiError e) {
        if (e.isConflict()) {
          requeueAfter(Duration.ZERO); // the bridge wrote meanwhile: mirror next pass
          return t;
        }
        throw e;
      }
    }

    private void deleteTask(Task t, String reason, String message) {
      try {
        tasks.delete(t.metadata().namespace(), t.metadata().name());
        events.normal(job, reason, message + "; deleting task " + t.metadata().name());
      } catch (ApiError e) {
        if (!e.isNotFound()) {
          throw e;
        }
      }
    }

    /** Creates Tasks for wanted instances that have none, within maximumRunningInstances. */
    private void createMissing(Map<Integer, String> wanted, Map<Integer, Task> current) {
      List<Integer> missing = new ArrayList<>();
      for (Integer i : wanted.keySet()) {
        if (!current.containsKey(i)) {
          missing.add(i);
        }
      }
      if (missing.isEmpty()) {
        return;
      }
      Integer max = type == JobType.BATCH && spec.sla() != null
          ? spec.sla().maximumRunningInstances() : null;
      Integer gang = spec.sla() == null ? null : spec.sla().minimumRunningInstances();
      long live = current.values().stream().filter(t -> !isFinal(t)).count();
      List<Integer> toCreate = CreationBudget.choose(missing, live, max, gang);
      if (toCreate.isEmpty()) {
        return;
      }
      List<String> failures = new ArrayList<>();
      int created = 0;
      for (int from = 0; from < toCreate.size(); from += CREATE_CHUNK) {
        List<JsonNode> batch = new ArrayList<>();
        for (Integer i : toCreate.subList(from, Math.min(toCreate.size(), from + CREATE_CHUNK))) {
          batch.add(ApiClient.tree(TaskFactory.newTask(job, i, wanted.get(i))));
        }
        List<ObjectNode> results = api.createAll(tasks.type(), job.metadata().namespace(), batch);
        for (ObjectNode r : results) {
          if ("Status".equals(r.path("kind").asText()) && r.path("code").asInt() >= 300) {
            if (r.path("code").asInt() != 409) { // 409: it exists already, as wanted
              failures.add(r.path("message").asText());
            }
          } else {
            created++;
          }
        }
      }
      if (created > 0) {
        events.normal(job, "TasksCreated", "created " + created + " task(s) for instances "
            + describe(toCreate));
      }
      if (!failures.isEmpty()) {
        events.warning(job, "FailedCreate", failures.size() + " task(s) could not be created: "
            + failures.get(0));
        throw new IllegalStateException("creating tasks of " + job.metadata().name() + ": "
            + failures.get(0));
      }
    }

    private void writeStatus(int total, Map<Integer, Task> current, String poolProblem) {
      JobStatus old = job.status();
      JobStatus next = new JobStatusBuilder(job, stopping, this::isFinal, now)
          .build(total, current, throttled, poolProblem);
      JobState state = next.state();
      if (next.equals(old)) {
        return;
      }
      jobs.updateStatus(new Job(job.apiVersion(), job.kind(), job.metadata(), job.spec(), next));
      Placeability.announce(job, old == null ? null : old.conditions(), next.conditions(), events);
      JobState before = old == null ? null : old.state();
      if (before != state) {
        String reason = "Job" + state.name().charAt(0) + state.name().substring(1).toLowerCase();
        String msg = "job is " + state + " (" + next.taskStats() + ")";
        if (state == JobState.FAILED) {
          events.warning(job, reason, msg);
        } else {
          events.normal(job, reason, msg);
        }
      }
    }
  }

  private static int failuresOf(Task t) {
    String a = t.metadata().annotations() == null ? null
        : t.metadata().annotations().get(FAILURE_COUNT_ANNOTATION);
    try {
      return a == null ? 0 : Integer.parseInt(a);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : (d.toMillis() / 1000.0) + "s";
  }

  static String describe(List<Integer> instances) {
    if (instances.size() <= 10) {
      return instances.toString();
    }
    return instances.subList(0, 10) + " and " + (instances.size() - 10) + " more";
  }

  /** Equal but for resourceVersion: the change was to the status only. */
  private static boolean sameButVersion(ObjectMeta a, ObjectMeta b) {
    return Objects.equals(a.withResourceVersion(null), b.withResourceVersion(null));
  }

  private static String annotation(ObjectMeta m, String key) {
    return m.annotations() == null ? null : m.annotations().get(key);
  }

  private static String label(Task t, String key) {
    return t.metadata().labels() == null ? null : t.metadata().labels().get(key);
  }
}
