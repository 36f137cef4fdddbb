package io.peloton.scheduler.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.Task;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.TaskBinding;
import io.peloton.scheduler.placement.Binding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes bindings ({@code spec.host}) through the batched, resourceVersion-checked {@code taskbindings}
 * endpoint, one request per namespace and batch. Against a server without that endpoint it falls back
 * to one guarded merge patch per Task (same semantics, more requests).
 */
public final class TaskBinder {
  private static final Logger LOG = LoggerFactory.getLogger(TaskBinder.class);
  /** How long to use the fallback before trying the batched endpoint again. */
  private static final long RETRY_ENDPOINT_NANOS = 60_000_000_000L;

  private final ApiClient api;
  private final ExecutorService writers;
  private final int batch;
  private volatile long fallbackUntilNanos;
  private volatile boolean fallingBack;

  public TaskBinder(ApiClient api, ExecutorService writers, int batch) {
    this.api = api;
    this.writers = writers;
    this.batch = batch;
  }

  /**
   * Binds each decision's Task (looked up in {@code tasks} by model id, for its namespace, name and
   * the resourceVersion the decision was made on); one outcome per binding.
   */
  public List<BindOutcome> bind(List<Binding> bindings, Map<String, Task> tasks) {
    Map<String, List<Binding>> byNamespace = new LinkedHashMap<>();
    for (Binding b : bindings) {
      Task t = tasks.get(b.taskId());
      if (t != null) {
        byNamespace.computeIfAbsent(t.metadata().namespace(), x -> new ArrayList<>()).add(b);
      }
    }
    List<CompletableFuture<List<BindOutcome>>> parts = new ArrayList<>();
    for (Map.Entry<String, List<Binding>> e : byNamespace.entrySet()) {
      List<Binding> all = e.getValue();
      for (int from = 0; from < all.size(); from += batch) {
        List<Binding> chunk = all.subList(from, Math.min(all.size(), from + batch));
        parts.add(CompletableFuture.supplyAsync(() -> bindChunk(e.getKey(), chunk, tasks), writers));
      }
    }
    List<BindOutcome> out = new ArrayList<>(bindings.size());
    for (CompletableFuture<List<BindOutcome>> f : parts) {
      out.addAll(f.join());
    }
    return out;
  }

  private List<BindOutcome> bindChunk(String namespace, List<Binding> chunk, Map<String, Task> tasks) {
    if (!fallingBack || System.nanoTime() > fallbackUntilNanos) {
      List<TaskBinding> request = new ArrayList<>(chunk.size());
      for (Binding b : chunk) {
        Task t = tasks.get(b.taskId());
        request.add(new TaskBinding(t.metadata().name(), b.host(), t.metadata().resourceVersion()));
      }
      try {
        List<ObjectNode> results = api.bindTasks(namespace, request);
        fallingBack = false;
        List<BindOutcome> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
          out.add(outcome(chunk.get(i), i < results.size() ? results.get(i) : null));
        }
        return out;
      } catch (ApiError e) {
        if (e.code() != 404 && e.code() != 405) {
          return failAll(chunk, e);
        }
        if (!fallingBack) {
          LOG.warn("the API server has no taskbindings endpoint ({}); binding with one merge patch per task",
              e.getMessage());
        }
        fallingBack = true;
        fallbackUntilNanos = System.nanoTime() + RETRY_ENDPOINT_NANOS;
      }
    }
    List<BindOutcome> out = new ArrayList<>(chunk.size());
    for (Binding b : chunk) {
      out.add(patchOne(b, tasks.get(b.taskId())));
    }
    return out;
  }

  private static BindOutcome outcome(Binding b, ObjectNode r) {
    if (r == null) {
      return new BindOutcome(b.taskId(), b.host(), BindOutcome.Result.FAILED, null, "no result from the server");
    }
    if ("Status".equals(r.path("kind").asText())) {
      int code = r.path("code").asInt(0);
      String message = r.path("message").asText("");
      return new BindOutcome(b.taskId(), b.host(),
          code == 409 ? BindOutcome.Result.CONFLICT : BindOutcome.Result.FAILED, null, message);
    }
    return new BindOutcome(b.taskId(), b.host(), BindOutcome.Result.BOUND,
        r.path("metadata").path("resourceVersion").asText(null), null);
  }

  private BindOutcome patchOne(Binding b, Task t) {
    ObjectNode patch = Codecs.json().createObjectNode();
    patch.putObject("metadata").put("resourceVersion", t.metadata().resourceVersion());
    patch.putObject("spec").put("host", b.host());
    try {
      ObjectNode after = api.patch(ResourceTypes.TASK, t.metadata().namespace(), t.metadata().name(), patch, false);
      return new BindOutcome(b.taskId(), b.host(), BindOutcome.Result.BOUND,
          after.path("metadata").path("resourceVersion").asText(null), null);
    } catch (ApiError e) {
      return new BindOutcome(b.taskId(), b.host(),
          e.code() == 409 ? BindOutcome.Result.CONFLICT : BindOutcome.Result.FAILED, null, e.getMessage());
    }
  }

  private static List<BindOutcome> failAll(List<Binding> chunk, ApiError e) {
    List<BindOutcome> out = new ArrayList<>(chunk.size());
    for (Binding b : chunk) {
      out.add(new BindOutcome(b.taskId(), b.host(), BindOutcome.Result.FAILED, null, e.getMessage()));
    }
    return out;
  }
}
