package io.peloton.controllers.job;

import static io.peloton.controllers.testing.ControllerHarness.WAIT;
import static io.peloton.controllers.testing.ControllerHarness.config;
import static io.peloton.controllers.testing.ControllerHarness.spec;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.event.Event;
import io.peloton.api.host.HostState;
import io.peloton.api.job.Job;
import io.peloton.api.job.JobConditions;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.job.JobState;
import io.peloton.api.job.Sla;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.client.ListOptions;
import io.peloton.controllers.WellKnownKeys;
import io.peloton.controllers.status.Conditions;
import io.peloton.controllers.testing.ControllerHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job controller against a real API server, the test playing scheduler and bridge. */
class JobControllerTest {
  /** Tasks of the job whose stop and deletion must each write one Event. */
  private static final int BIG_JOB_TASKS = 40;

  private static final String NS = ControllerHarness.NS;

  @TempDir
  Path dir;
  ControllerHarness h;

  @BeforeEach
  void start() {
    h = new ControllerHarness(dir, ControllerHarness.testConfig());
    h.pool("batch", "/", 10, 10);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private static Sla sla(Integer maxRunning, Integer gang, Integer maxUnavailable) {
    return new Sla(0, false, false, maxRunning, gang, null, maxUnavailable);
  }

  private JobState stateOf(String job) {
    Job j = h.job(job);
    return j.status() == null ? null : j.status().state();
  }

  @Test
  void aBatchJobCreatesItsTasksAndSucceedsWhenTheyDo() {
    h.job("b", spec(JobType.BATCH, 3, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("b").size() == 3);
    Job job = h.job("b");
    for (int i = 0; i < 3; i++) {
      Task t = h.task("b", i);
      assertEquals(TaskState.SUCCEEDED, t.spec().goalState());
      assertEquals(1, t.spec().runId());
      assertEquals("/batch", t.spec().respool());
      assertEquals(job.metadata().uid(), t.metadata().ownerReferences().get(0).uid());
      assertTrue(t.metadata().finalizers().contains(WellKnownKeys.MESOS_TASK_FINALIZER));
      assertEquals(Integer.toString(i), t.metadata().labels().get(WellKnownKeys.INSTANCE_LABEL));
    }
    await().atMost(WAIT).until(() -> stateOf("b") == JobState.PENDING);
    for (int i = 0; i < 3; i++) {
      h.runOn("b", i, "host-a");
    }
    await().atMost(WAIT).until(() -> stateOf("b") == JobState.RUNNING);
    for (int i = 0; i < 3; i++) {
      h.report("b", i, TaskState.SUCCEEDED);
    }
    await().atMost(WAIT).until(() -> stateOf("b") == JobState.SUCCEEDED);
    Job done = h.job("b");
    assertEquals(3, done.status().taskStats().get(TaskState.SUCCEEDED));
    assertEquals(done.metadata().generation(), done.status().observedGeneration());
    assertTrue(Conditions.isTrue(done.status().conditions(), "Succeeded"));
    assertTrue(done.metadata().finalizers().contains(WellKnownKeys.TASKS_FINALIZER));
    await().atMost(WAIT).until(() -> h.hasEvent("b", "JobSucceeded")
        && h.hasEvent("b", "TasksCreated"));
  }

  @Test
  void aBatchTaskIsRetriedUpToMaxFailuresThenTheJobFails() {
    h.job("f", spec(JobType.BATCH, 1, null, config(2), "/batch"));
    await().atMost(WAIT).until(() -> h.taskOrNull("f", 0) != null);
    for (int run = 1; run <= 3; run++) {
      int r = run;
      await().atMost(WAIT).until(() -> h.task("f", 0).spec().runId() == r);
      h.runOn("f", 0, "host-a");
      h.report("f", 0, TaskState.FAILED);
    }
    await().atMost(WAIT).until(() -> stateOf("f") == JobState.FAILED);
    Task t = h.task("f", 0);
    assertEquals(3, t.spec().runId(), "two retries, then no more");
    await().atMost(WAIT).until(() -> h.task("f", 0).status().failureCount() == 2);
    assertTrue(Conditions.find(h.job("f").status().conditions(), "Succeeded").status()
        .equals(Condition.FALSE));
  }

  @Test
  void aFailingServiceTaskRestartsWithAGrowingBackoffShownInStatus() {
    h.job("s", spec(JobType.SERVICE, 1, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.taskOrNull("s", 0) != null);
    h.runOn("s", 0, "host-a");
    h.report("s", 0, TaskState.FAILED);
    await().atMost(WAIT).until(() -> throttleMessage("s").contains("backoff of 2s"));
    await().atMost(WAIT).until(() -> Conditions.isTrue(h.job("s").status().conditions(),
        "Throttled"));
    // the job says it is crash-looping, not PENDING as if it never ran
    await().atMost(WAIT).until(() -> {
      Condition ready = Conditions.find(h.job("s").status().conditions(), JobConditions.READY);
      return ready != null && JobConditions.CRASH_LOOP_BACK_OFF.equals(ready.reason());
    });
    assertEquals(JobState.RUNNING, stateOf("s"));
    await().atMost(WAIT).until(() -> h.task("s", 0).spec().runId() == 2);
    assertEquals(TaskState.RUNNING, h.task("s", 0).spec().goalState());
    h.runOn("s", 0, "host-b");
    h.report("s", 0, TaskState.FAILED);
    await().atMost(WAIT).until(() -> throttleMessage("s").contains("backoff of 4s"));
    await().atMost(WAIT).until(() -> h.task("s", 0).spec().runId() == 3);
    await().atMost(WAIT).until(() -> h.task("s", 0).status().failureCount() == 2
        && !Conditions.isTrue(h.task("s", 0).status().conditions(), JobConditions.THROTTLED));
    assertTrue(h.hasEvent("s-0", "Restarting"));
    // one Warning per backoff on the Job, however often it was reconciled meanwhile
    assertEquals(2, h.eventsAbout("s").stream()
        .filter(e -> JobConditions.CRASH_LOOP_BACK_OFF.equals(e.reason()))
        .mapToInt(e -> e.count() == null ? 1 : e.count()).sum());
    // PENDING once, when it was new; never again while it crash-looped
    assertTrue(h.eventsAbout("s").stream().filter(e -> "JobPending".equals(e.reason()))
        .mapToInt(e -> e.count() == null ? 1 : e.count()).sum() <= 1);
  }

  private String throttleMessage(String job) {
    Task t = h.task(job, 0);
    Condition c = t.status() == null ? null
        : Conditions.find(t.status().conditions(), JobConditions.THROTTLED);
    return c != null && Condition.TRUE.equals(c.status()) ? c.message() : "";
  }

  @Test
  void maximumRunningInstancesCapsTheTasksActiveAtOnce() {
    h.job("m", spec(JobType.BATCH, 5, sla(2, null, null), config(null), "/batch"));
    AtomicInteger succeeded = new AtomicInteger();
    while (succeeded.get() < 5) {
      await().atMost(WAIT).until(() -> live("m") > 0);
      List<Task> live = h.tasksOf("m").stream().filter(this::notDone).toList();
      assertTrue(live.size() <= 2, "at most 2 active, saw " + live.size());
      Task t = live.get(0);
      h.runOn("m", t.spec().instance(), "host-a");
      h.report("m", t.spec().instance(), TaskState.SUCCEEDED);
      succeeded.incrementAndGet();
      // give the controller its chance to over-create, then check it did not
      await().atMost(WAIT).until(() -> succeeded.get() == 5 || live("m") == Math.min(2,
          5 - succeeded.get()));
      assertTrue(live("m") <= 2);
    }
    await().atMost(WAIT).until(() -> stateOf("m") == JobState.SUCCEEDED);
    assertEquals(5, h.tasksOf("m").size());
  }

  private boolean notDone(Task t) {
    return t.status() == null || t.status().state() != TaskState.SUCCEEDED;
  }

  private long live(String job) {
    return h.tasksOf(job).stream().filter(this::notDone).count();
  }

  @Test
  void aTaskRunningLongerThanMaxRunningTimeIsKilled() {
    h.job("dl", spec(JobType.BATCH, 1, new Sla(0, false, false, null, null, 1, null),
        config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.taskOrNull("dl", 0) != null);
    h.runOn("dl", 0, "host-a");
    await().atMost(WAIT).until(() -> h.task("dl", 0).spec().goalState() == TaskState.KILLED);
    assertEquals("DEADLINE_TIMEOUT_EXCEEDED", ControllerHarness.annotations(h.task("dl", 0))
        .get(WellKnownKeys.KILL_REASON_ANNOTATION));
    h.report("dl", 0, TaskState.KILLED);
    await().atMost(WAIT).until(() -> stateOf("dl") == JobState.KILLED);
    assertEquals(1, h.task("dl", 0).spec().runId(), "a task killed for its deadline stays dead");
    assertTrue(h.hasEvent("dl-0", "DeadlineExceeded"));
  }

  @Test
  void aLargeJobIsCreatedInBulk() {
    h.job("big", spec(JobType.BATCH, 1200, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> {
      Job j = h.job("big");
      return j.status() != null && j.status().taskStats() != null
          && Integer.valueOf(1200).equals(j.status().taskStats().get(TaskState.PENDING));
    });
    assertEquals(1200, h.tasksOf("big").size());
  }

  @Test
  void aRestartRequestGivesRunningInstancesOneNewRunAndScaleDownRemovesInstances() {
    h.job("rs", spec(JobType.SERVICE, 2, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("rs").size() == 2);
    h.runOn("rs", 0, "host-a");
    h.runOn("rs", 1, "host-b");
    ObjectNode restart = Codecs.json().createObjectNode();
    restart.putObject("metadata").putObject("annotations")
        .put(WellKnownKeys.RESTART_ANNOTATION, "r1");
    h.jobs.patch(NS, "rs", restart, false);
    await().atMost(WAIT).until(() -> h.tasksOf("rs").stream()
        .allMatch(t -> t.spec().runId() == 2 && "host-a".equals(t.spec().desiredHost())
            == (t.spec().instance() == 0)));
    // as the bridge: the old runs are killed, the new ones run
    h.reportRun("rs", 0, 1, TaskState.KILLED, "host-a");
    h.reportRun("rs", 1, 1, TaskState.KILLED, "host-b");
    h.runOn("rs", 0, "host-a");
    ObjectNode shrink = Codecs.json().createObjectNode();
    shrink.putObject("spec").put("instanceCount", 1);
    h.jobs.patch(NS, "rs", shrink, false);
    await().atMost(WAIT).until(() -> h.tasksOf("rs").stream().map(t -> t.spec().instance())
        .toList().equals(List.of(0)));
    assertEquals(2, h.task("rs", 0).spec().runId(), "a restart request is honoured once");
    assertTrue(h.hasEvent("rs", "ScaledDown"));
  }

  @Test
  void aGangIsCreatedWhole() {
    h.job("g", spec(JobType.BATCH, 4, sla(3, 3, null), config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("g").size() == 3);
    assertTrue(h.tasksOf("g").stream().allMatch(t -> t.spec().instance() < 3));
  }

  @Test
  void aDaemonJobFollowsHostsAsTheyJoinAndLeave() {
    h.host("h1", HostState.UP);
    h.job("d", spec(JobType.DAEMON, null, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("d").size() == 1);
    assertEquals("h1", h.tasksOf("d").get(0).spec().host());
    h.host("h2", HostState.UP);
    await().atMost(WAIT).until(() -> h.tasksOf("d").stream().map(t -> t.spec().host())
        .sorted().toList().equals(List.of("h1", "h2")));
    h.hosts.delete(null, "h1");
    // never launched there, so nothing to kill: the task goes at once
    await().atMost(WAIT).until(() -> h.tasksOf("d").stream().map(t -> t.spec().host())
        .toList().equals(List.of("h2")));
    assertTrue(h.hasEvent("d", "RemovedFromHost"));
  }

  @Test
  void stoppingKillsEveryTaskAndDeletingRemovesEverything() {
    h.job("st", spec(JobType.SERVICE, 2, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("st").size() == 2);
    h.runOn("st", 0, "host-a");
    h.runOn("st", 1, "host-b");
    await().atMost(WAIT).until(() -> stateOf("st") == JobState.RUNNING);
    ObjectNode stop = Codecs.json().createObjectNode();
    stop.putObject("metadata").putObject("annotations")
        .put(WellKnownKeys.GOAL_STATE_ANNOTATION, "KILLED");
    h.jobs.patch(NS, "st", stop, false);
    await().atMost(WAIT).until(() -> h.tasksOf("st").stream()
        .allMatch(t -> t.spec().goalState() == TaskState.KILLED));
    await().atMost(WAIT).until(() -> stateOf("st") == JobState.KILLING);
    h.report("st", 0, TaskState.KILLED);
    h.report("st", 1, TaskState.KILLED);
    await().atMost(WAIT).until(() -> stateOf("st") == JobState.KILLED);
    assertEquals(1, h.task("st", 0).spec().runId(), "a stopped task is not restarted");

    // run again, then delete while running: the runs are killed before the tasks go
    ObjectNode start = Codecs.json().createObjectNode();
    start.putObject("metadata").putObject("annotations")
        .put(WellKnownKeys.GOAL_STATE_ANNOTATION, "RUNNING");
    h.jobs.patch(NS, "st", start, false);
    await().atMost(WAIT).until(() -> h.task("st", 0).spec().runId() == 2);
    h.runOn("st", 0, "host-a");
    h.jobs.delete(NS, "st");
    await().atMost(WAIT).until(() -> h.task("st", 0).spec().goalState() == TaskState.DELETED);
    assertTrue(h.task("st", 0).metadata().deletionTimestamp() != null);
    assertTrue(h.jobOrNull("st") != null, "the job waits for its tasks");
    h.report("st", 0, TaskState.KILLED);
    await().atMost(WAIT).until(() -> h.tasksOf("st").isEmpty() && h.jobOrNull("st") == null);
  }

  @Test
  void aPreemptedTaskGetsANewRun() {
    h.job("p", spec(JobType.SERVICE, 1, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.taskOrNull("p", 0) != null);
    h.runOn("p", 0, "host-a");
    ObjectNode preempt = Codecs.json().createObjectNode();
    preempt.putObject("metadata").putObject("annotations")
        .put(WellKnownKeys.PREEMPTED_ANNOTATION, "PREEMPTED_RESOURCES");
    preempt.putObject("spec").put("goalState", "KILLED");
    h.tasks.patch(NS, "p-0", preempt, false);
    h.report("p", 0, TaskState.KILLED);
    await().atMost(WAIT).until(() -> h.task("p", 0).spec().runId() == 2);
    Task t = h.task("p", 0);
    assertEquals(TaskState.RUNNING, t.spec().goalState());
    assertNull(t.spec().host());
    assertEquals("host-a", t.spec().desiredHost());
    assertNull(ControllerHarness.annotations(t).get(WellKnownKeys.PREEMPTED_ANNOTATION));
  }

  @Test
  void aJobInAMissingPoolGetsNoTasksAndSaysWhy() {
    h.job("nopool", spec(JobType.BATCH, 1, null, config(null), "/nowhere"));
    await().atMost(WAIT).until(() -> {
      Job j = h.job("nopool");
      Condition c = j.status() == null ? null : Conditions.find(j.status().conditions(),
          "PoolReady");
      return c != null && "PoolNotFound".equals(c.reason());
    });
    assertTrue(h.tasksOf("nopool").isEmpty());
    h.pool("nowhere", "/", 1, 1);
    await().atMost(WAIT).until(() -> h.tasksOf("nopool").size() == 1);
  }

  @Test
  void restartingTheControllersCreatesNoDuplicates() {
    h.job("r", spec(JobType.BATCH, 3, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("r").size() == 3
        && stateOf("r") == JobState.PENDING);
    h.stopControllers();
    h.runOn("r", 0, "host-a");
    h.startControllers();
    await().atMost(WAIT).until(() -> stateOf("r") == JobState.RUNNING);
    List<Task> all = h.tasksOf("r");
    assertEquals(3, all.size());
    assertTrue(all.stream().allMatch(t -> t.spec().runId() == 1));
    assertEquals(List.of(0, 1, 2), all.stream().map(t -> t.spec().instance()).sorted().toList());
  }

  @Test
  void aSpecChangeRunsInstancesOnTheNewConfig() {
    h.job("u", spec(JobType.SERVICE, 1, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.taskOrNull("u", 0) != null);
    h.runOn("u", 0, "host-a");
    ObjectNode change = Codecs.json().createObjectNode();
    change.putObject("spec").putObject("defaultConfig").putObject("restartPolicy")
        .put("maxFailures", 3);
    h.jobs.patch(NS, "u", change, false);
    await().atMost(WAIT).until(() -> h.task("u", 0).spec().runId() == 2);
    Task t = h.task("u", 0);
    assertEquals(3, t.spec().config().restartPolicy().maxFailures());
    assertEquals(h.job("u").metadata().generation(), t.spec().configGeneration());
    await().atMost(Duration.ofSeconds(60)).until(() -> h.hasEvent("u-0", "SpecUpdated"));
  }

  private List<Event> withReason(String reason) {
    return h.events.listAll(null, ListOptions.all()).items().stream()
        .filter(e -> reason.equals(e.reason())).toList();
  }

  /** Waits until the Events with {@code reason} count {@code BIG_JOB_TASKS} occurrences in all. */
  private List<Event> counted(String reason) {
    await().atMost(WAIT).until(() -> withReason(reason).stream()
        .mapToInt(e -> e.count() == null ? 1 : e.count()).sum() == BIG_JOB_TASKS);
    return withReason(reason);
  }

  @Test
  void stoppingAndDeletingABigJobEachWriteOneEventAboutTheJob() {
    h.job("big", spec(JobType.BATCH, BIG_JOB_TASKS, null, config(null), "/batch"));
    await().atMost(WAIT).until(() -> h.tasksOf("big").size() == BIG_JOB_TASKS);
    ObjectNode stop = Codecs.json().createObjectNode();
    stop.putObject("metadata").putObject("annotations")
        .put(WellKnownKeys.GOAL_STATE_ANNOTATION, "KILLED");
    h.jobs.patch(NS, "big", stop, false);
    await().atMost(WAIT).until(() -> h.tasksOf("big").stream()
        .allMatch(t -> t.spec().goalState() == TaskState.KILLED));

    List<Event> killing = counted("Killing");
    assertEquals(1, killing.size(), "one Event for the stop, got " + killing.size());
    assertEquals("Job", killing.get(0).involvedObject().kind());
    assertEquals("big", killing.get(0).involvedObject().name());

    h.jobs.delete(NS, "big");
    await().atMost(WAIT).until(() -> h.jobOrNull("big") == null);
    List<Event> deleting = counted("Deleting");
    assertEquals(1, deleting.size(), "one Event for the delete, got " + deleting.size());
    assertEquals("Job", deleting.get(0).involvedObject().kind());
    assertEquals("big", deleting.get(0).involvedObject().name());
  }
}
