package io.peloton.bridge.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.meta.Condition;
import io.peloton.api.task.RunSandbox;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskConditions;
import io.peloton.api.task.TaskState;
import io.peloton.api.task.TaskStatus;
import io.peloton.api.task.TerminationStatus;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.ObjectKey;
import io.peloton.client.TypedClient;
import io.peloton.client.informer.ObjectCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Writes what the bridge learns into Task objects: status merge patches guarded by the
 * resourceVersion (so a write never lands on a newer run), sent in batches.
 */
public final class TaskStatusWriter {
  public static final String LAUNCH_FAILED = "LaunchFailed";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final int MAX_ATTEMPTS = 6;

  private final TypedClient<Task> tasks;
  private final ObjectCache<Task> cache;
  private final StatusPatchBatcher batcher;
  private final Executor refetch;
  // the Task as our own last write returned it: fresher than the cache right after a write
  private final Map<ObjectKey, Task> written = new ConcurrentHashMap<>();

  /** @param refetch runs the (blocking) re-reads after a conflict */
  public TaskStatusWriter(ApiClient api, ObjectCache<Task> cache, StatusPatchBatcher batcher,
      Executor refetch) {
    this.tasks = api.typed(Task.class);
    this.cache = cache;
    this.batcher = batcher;
    this.refetch = refetch;
  }

  /** The freshest copy known without a round trip: the cache or our last write. */
  public Optional<Task> freshest(ObjectKey key) {
    Optional<Task> cached = cache.get(key);
    Task mine = written.get(key);
    if (mine == null) {
      return cached;
    }
    if (cached.isEmpty()) {
      return Optional.of(mine);
    }
    return Optional.of(rv(mine) > rv(cached.get()) ? mine : cached.get());
  }

  /** Drops our copy once the cache caught up (keeps memory bounded). */
  public void forgetIfCached(ObjectKey key) {
    Task mine = written.get(key);
    Optional<Task> cached = cache.get(key);
    if (mine != null && cached.isPresent() && rv(cached.get()) >= rv(mine)) {
      written.remove(key, mine);
    }
  }

  static long rv(Task t) {
    try {
      return Long.parseLong(t.metadata().resourceVersion());
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * Records that run {@code runId} is being launched, before the ACCEPT, so no replica can
   * launch it again. Fails with {@link ApiError} (409) if the Task changed since {@code seen}.
   */
  public CompletableFuture<Task> markLaunched(Task seen, int runId, String mesosTaskId, String agentId, String host,
      Map<String, Integer> ports, RunSandbox sandbox) {
    ObjectNode status = JSON.objectNode();
    status.put("state", TaskState.LAUNCHED.name());
    status.put("runId", runId);
    status.put("mesosTaskId", mesosTaskId);
    TaskStatus old = seen.status();
    if (old != null && old.mesosTaskId() != null && !old.mesosTaskId().equals(mesosTaskId)) {
      status.put("prevMesosTaskId", old.mesosTaskId());
    }
    status.put("agentId", agentId);
    status.put("host", host);
    ObjectNode p = status.putObject("ports");
    ports.forEach(p::put);
    if (ports.isEmpty()) {
      status.putNull("ports");
    }
    // where this run's files will be, and the earlier runs' (for logs of run N)
    status.set("sandbox", Codecs.json().valueToTree(sandbox));
    List<RunSandbox> previous = RunSandboxes.previousRuns(old, runId);
    if (previous != null) {
      status.set("previousRuns", Codecs.json().valueToTree(previous));
    }
    for (String cleared : List.of("startTime", "completionTime", "reason", "message",
        "terminationStatus", "healthy")) {
      status.putNull(cleared);
    }
    return patchStatus(seen, status);
  }

  /**
   * Writes Mesos updates of run {@code runId}, in the order received, as one write of their
   * combined effect (the last one's state; the first RUNNING's start time); completes without
   * writing when the Task is gone or has moved to another run. Retries conflicts on a fresh
   * read.
   */
  public CompletableFuture<WriteOutcome> recordUpdate(ObjectKey key, int runId,
      List<org.apache.mesos.v1.Protos.TaskStatus> updates) {
    return recordUpdate(key, runId, updates, freshest(key).orElse(null), 0);
  }

  private CompletableFuture<WriteOutcome> recordUpdate(ObjectKey key, int runId,
      List<org.apache.mesos.v1.Protos.TaskStatus> updates, Task current, int attempt) {
    org.apache.mesos.v1.Protos.TaskStatus update = updates.get(updates.size() - 1);
    if (attempt >= MAX_ATTEMPTS) {
      return CompletableFuture.failedFuture(new IllegalStateException("task " + key
          + ": status kept changing under " + MAX_ATTEMPTS + " writes"));
    }
    if (current == null) {
      return CompletableFuture.completedFuture(WriteOutcome.UNKNOWN_TASK);
    }
    TaskStatus st = current.status();
    Integer storedRun = st == null ? null : st.runId();
    if (storedRun != null && storedRun > runId) {
      return CompletableFuture.completedFuture(WriteOutcome.OLD_RUN);
    }
    if (storedRun == null || storedRun < runId) {
      // the store never heard of this run: it was not launched by a bridge that recorded it
      return CompletableFuture.completedFuture(WriteOutcome.UNKNOWN_RUN);
    }
    TaskState next = MesosTaskStates.toPeloton(update.getState());
    if (st.state() != null && st.state().isTerminal()) {
      return CompletableFuture.completedFuture(WriteOutcome.DUPLICATE); // the first terminal state is final
    }
    if (next == st.state()
        && (!update.hasAgentId() || update.getAgentId().getValue().equals(st.agentId()))) {
      return CompletableFuture.completedFuture(WriteOutcome.DUPLICATE);
    }
    return patchStatus(current, updatePatch(st, next, updates))
        .thenApply(after -> WriteOutcome.WRITTEN)
        .exceptionallyCompose(t -> {
          ApiError e = apiError(t);
          if (e != null && e.isNotFound()) {
            return CompletableFuture.completedFuture(WriteOutcome.UNKNOWN_TASK);
          }
          if (e == null || !e.isConflict()) {
            return CompletableFuture.failedFuture(t);
          }
          return CompletableFuture.supplyAsync(() -> fetch(key), refetch)
              .thenCompose(fresh -> recordUpdate(key, runId, updates, fresh, attempt + 1));
        });
  }

  private static ObjectNode updatePatch(TaskStatus st, TaskState next,
      List<org.apache.mesos.v1.Protos.TaskStatus> updates) {
    org.apache.mesos.v1.Protos.TaskStatus update = updates.get(updates.size() - 1);
    ObjectNode status = JSON.objectNode();
    status.put("state", next.name());
    if (update.hasReason()) {
      status.put("reason", update.getReason().name());
    }
    if (update.hasMessage()) {
      status.put("message", update.getMessage());
    }
    if (update.hasAgentId()) {
      status.put("agentId", update.getAgentId().getValue());
    }
    String now = timeOf(update);
    if (st.startTime() == null) {
      // the first RUNNING among the updates, even when a later one ends the run
      for (org.apache.mesos.v1.Protos.TaskStatus u : updates) {
        if (MesosTaskStates.toPeloton(u.getState()) == TaskState.RUNNING) {
          status.put("startTime", timeOf(u));
          break;
        }
      }
    }
    if (next.isTerminal()) {
      status.put("completionTime", now);
      TerminationStatus ts = MesosTaskStates.termination(update);
      if (ts != null) {
        status.set("terminationStatus", io.peloton.api.codec.Codecs.json().valueToTree(ts));
      }
    }
    if (update.hasHealthy()) {
      status.put("healthy", update.getHealthy() ? "HEALTHY" : "UNHEALTHY");
    }
    return status;
  }

  private static String timeOf(org.apache.mesos.v1.Protos.TaskStatus update) {
    return Rfc3339.format(update.hasTimestamp()
        ? Instant.ofEpochMilli((long) (update.getTimestamp() * 1000)) : Instant.now());
  }

  /** The API error behind a failed future, or null when it failed otherwise. */
  public static ApiError apiError(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return cause instanceof ApiError e ? e : null;
  }

  /** What became of one update. */
  public enum WriteOutcome { WRITTEN, DUPLICATE, OLD_RUN, UNKNOWN_RUN, UNKNOWN_TASK }

  /**
   * Launch impossible: clears {@code spec.host} (guarded) and sets {@code Scheduled=False},
   * reason LaunchFailed, so the scheduler places the task again.
   */
  public void clearBinding(Task seen, String message) {
    ObjectNode patch = JSON.objectNode();
    patch.putObject("metadata").put("resourceVersion", seen.metadata().resourceVersion());
    patch.putObject("spec").putNull("host");
    Task after = tasks.patch(seen.metadata().namespace(), seen.metadata().name(), patch, false);
    List<Condition> conditions = new ArrayList<>();
    String now = Rfc3339.format(Instant.now());
    if (after.status() != null) {
      for (Condition c : after.status().conditions() == null ? List.<Condition>of()
          : after.status().conditions()) {
        if (!TaskConditions.SCHEDULED.equals(c.type())) {
          conditions.add(c);
        }
      }
    }
    conditions.add(new Condition(TaskConditions.SCHEDULED, Condition.FALSE, LAUNCH_FAILED, message,
        now, after.metadata().generation()));
    ObjectNode status = JSON.objectNode();
    status.set("conditions", io.peloton.api.codec.Codecs.json().valueToTree(conditions));
    await(patchStatus(after, status));
  }

  /** Marks a run LOST when its launch did not reach Mesos. */
  public void markLaunchLost(ObjectKey key, int runId, String message) {
    Task current = freshest(key).orElse(null);
    for (int attempt = 0; attempt < MAX_ATTEMPTS && current != null; attempt++) {
      TaskStatus st = current.status();
      if (st == null || st.runId() == null || st.runId() != runId
          || (st.state() != null && st.state().isTerminal())) {
        return;
      }
      ObjectNode status = JSON.objectNode();
      status.put("state", TaskState.LOST.name());
      status.put("reason", LAUNCH_FAILED);
      status.put("message", message);
      status.put("completionTime", Rfc3339.format(Instant.now()));
      try {
        await(patchStatus(current, status));
        return;
      } catch (ApiError e) {
        if (!e.isConflict()) {
          throw e;
        }
        current = fetch(key);
      }
    }
  }

  private Task fetch(ObjectKey key) {
    try {
      return tasks.get(key);
    } catch (ApiError e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
  }

  private CompletableFuture<Task> patchStatus(Task seen, ObjectNode status) {
    return batcher.patch(seen, status).thenApply(after -> {
      written.put(ObjectKey.of(after), after);
      return after;
    });
  }

  /** Waits for a write; its API error is thrown as such. */
  public static Task await(CompletableFuture<Task> write) {
    try {
      return write.join();
    } catch (CompletionException e) {
      ApiError api = apiError(e);
      if (api != null) {
        throw api;
      }
      throw e;
    }
  }
}
