package io.peloton.scheduler.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.client.ApiError;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the Mesos bridge and the job controller for scheduler tests, through the API only: bound runs
 * become RUNNING, runs whose goal is KILLED become KILLED, and a preempted run that ended is restarted
 * as a new pending run (runId + 1, host cleared, goal RUNNING, annotation removed).
 */
final class LifecycleStandIn implements AutoCloseable {
  private final TestCluster cluster;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "lifecycle-stand-in");
    t.setDaemon(true);
    return t;
  });

  LifecycleStandIn(TestCluster cluster) {
    this.cluster = cluster;
  }

  LifecycleStandIn start() {
    timer.scheduleWithFixedDelay(this::pass, 0, 100, TimeUnit.MILLISECONDS);
    return this;
  }

  private void pass() {
    try {
      for (Task t : cluster.allTasks()) {
        step(t);
      }
    } catch (RuntimeException e) {
      // a conflict or a closing server: the next pass looks again
    }
  }

  private void step(Task t) {
    var spec = t.spec();
    int runId = spec.runId();
    var status = t.status();
    boolean sameRun = status != null && status.runId() != null && status.runId() == runId;
    TaskState state = sameRun ? status.state() : null;
    boolean hasHost = spec.host() != null && !spec.host().isEmpty();
    Map<String, String> annotations = t.metadata().annotations();
    boolean preempted = annotations != null && annotations.containsKey(PreemptionWriter.ANNOTATION);
    String name = t.metadata().name();
    try {
      if (spec.goalState() == TaskState.KILLED && hasHost && (state == null || !state.isTerminal())) {
        ObjectNode s = TestCluster.object();
        s.putObject("status").put("runId", runId).put("state", "KILLED");
        cluster.api.patch(ResourceTypes.TASK, TestCluster.NS, name, s, true);
      } else if (spec.goalState() == TaskState.KILLED && preempted && state != null && state.isTerminal()) {
        ObjectNode p = TestCluster.object();
        p.putObject("metadata").put("resourceVersion", t.metadata().resourceVersion())
            .putObject("annotations").putNull(PreemptionWriter.ANNOTATION);
        p.putObject("spec").put("runId", runId + 1).putNull("host").put("desiredHost", spec.host())
            .put("goalState", "RUNNING");
        cluster.api.patch(ResourceTypes.TASK, TestCluster.NS, name, p, false);
      } else if (spec.goalState() == TaskState.RUNNING && hasHost && state != TaskState.RUNNING) {
        ObjectNode s = TestCluster.object();
        s.putObject("status").put("runId", runId).put("state", "RUNNING").put("host", spec.host());
        cluster.api.patch(ResourceTypes.TASK, TestCluster.NS, name, s, true);
      }
    } catch (ApiError e) {
      // changed meanwhile: next pass
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
