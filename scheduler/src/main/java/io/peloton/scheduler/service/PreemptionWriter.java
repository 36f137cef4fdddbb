package io.peloton.scheduler.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.event.Event;
import io.peloton.api.task.Task;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.scheduler.preemption.Preemption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preempts tasks as the lifecycle contract says: one merge patch setting annotation
 * {@code peloton.io/preempted: <reason>} and {@code spec.goalState: KILLED}; the bridge kills the run
 * and the job controller starts a new one. Records a {@code Preempted} Event per victim.
 */
public final class PreemptionWriter {
  private static final Logger LOG = LoggerFactory.getLogger(PreemptionWriter.class);
  public static final String ANNOTATION = "peloton.io/preempted";

  private final ApiClient api;
  private final ExecutorService writers;
  private final EventRecorder events;

  public PreemptionWriter(ApiClient api, ExecutorService writers, EventRecorder events) {
    this.api = api;
    this.writers = writers;
    this.events = events;
  }

  /** Writes every preemption whose Task is known; returns the highest resourceVersion written (0: none). */
  public long write(List<Preemption> preemptions, Map<String, Task> holding) {
    List<CompletableFuture<Long>> inFlight = new ArrayList<>();
    for (Preemption p : preemptions) {
      Task t = holding.get(p.taskId());
      if (t != null) {
        inFlight.add(CompletableFuture.supplyAsync(() -> writeOne(p, t), writers));
      }
    }
    long highest = 0;
    for (CompletableFuture<Long> f : inFlight) {
      highest = Math.max(highest, f.join());
    }
    return highest;
  }

  private long writeOne(Preemption p, Task t) {
    ObjectNode patch = Codecs.json().createObjectNode();
    // no resourceVersion guard: the server retries conflicts with other writers (the bridge writing
    // status), and a victim that meanwhile ended is harmless to mark
    patch.putObject("metadata").putObject("annotations").put(ANNOTATION, p.reason());
    patch.putObject("spec").put("goalState", "KILLED");
    try {
      ObjectNode after = api.patch(ResourceTypes.TASK, t.metadata().namespace(), t.metadata().name(), patch, false);
      events.record(t, "Preempted", "preempted from host " + p.host() + ": " + p.reason(), Event.EventType.Warning);
      return after.path("metadata").path("resourceVersion").asLong(0);
    } catch (ApiError e) {
      LOG.warn("could not preempt task {}: {}", p.taskId(), e.getMessage());
      return 0;
    }
  }
}
