package io.peloton.bridge.status;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskStatus;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.DaemonThreads;
import io.peloton.client.TaskStatusPatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces Task status merge patches from many threads into batched {@code taskstatuses}
 * requests: while requests are in flight, new patches queue up and leave together in the next
 * one, so the batch size follows the load and a lone patch leaves at once.
 */
public final class StatusPatchBatcher implements AutoCloseable {
  private static final int MAX_BATCH = 500;

  private final ApiClient api;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Semaphore inFlight;
  private final ExecutorService senders;
  private final Thread loop;
  private volatile boolean running = true;

  private record Pending(Task seen, ObjectNode status, CompletableFuture<Task> result) {}

  /** @param maxInFlight most batch requests outstanding at once */
  public StatusPatchBatcher(ApiClient api, int maxInFlight) {
    this.api = api;
    this.inFlight = new Semaphore(maxInFlight);
    this.senders = Executors.newFixedThreadPool(maxInFlight,
        DaemonThreads.named("bridge-status-send"));
    this.loop = DaemonThreads.of(this::run, "bridge-status-batcher");
    loop.start();
  }


  /**
   * Queues a merge patch of {@code seen}'s status, guarded by its resourceVersion. Completes
   * with the Task as stored, or exceptionally with the item's {@link ApiError} (409 when the
   * Task changed since {@code seen}, 404 when it is gone).
   */
  public CompletableFuture<Task> patch(Task seen, ObjectNode status) {
    CompletableFuture<Task> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new IllegalStateException("status batcher closed"));
      return result;
    }
    queue.add(new Pending(seen, status, result));
    return result;
  }

  private void run() {
    while (running) {
      try {
        inFlight.acquire();
        Pending first = queue.take();
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        senders.execute(() -> {
          try {
            send(batch);
          } finally {
            inFlight.release();
          }
        });
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void send(List<Pending> batch) {
    Map<String, List<Pending>> byNamespace = new LinkedHashMap<>();
    for (Pending p : batch) {
      byNamespace.computeIfAbsent(p.seen().metadata().namespace(), n -> new ArrayList<>()).add(p);
    }
    byNamespace.forEach((namespace, items) -> {
      List<TaskStatusPatch> request = new ArrayList<>(items.size());
      for (Pending p : items) {
        request.add(new TaskStatusPatch(p.seen().metadata().name(), p.status(),
            p.seen().metadata().resourceVersion()));
      }
      try {
        List<ObjectNode> results = api.patchTaskStatuses(namespace, request);
        for (int i = 0; i < items.size(); i++) {
          ObjectNode r = i < results.size() ? results.get(i) : null;
          ApiError error = r == null ? new ApiError(0, "", "no result from the server", null)
              : ApiError.ofItem(r);
          if (error != null) {
            items.get(i).result().completeExceptionally(error);
          } else {
            items.get(i).result().complete(written(items.get(i).seen(), r));
          }
        }
      } catch (RuntimeException e) {
        items.forEach(p -> p.result().completeExceptionally(e));
      }
    });
  }

  /**
   * The Task as written: a status write changes only the status and the resourceVersion, so the
   * answer carries just those and the rest is as seen.
   */
  static Task written(Task seen, ObjectNode answer) {
    TaskStatus status;
    try {
      status = answer.has("status")
          ? Codecs.trustedJson().treeToValue(answer.get("status"), TaskStatus.class) : null;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a Task status: " + e.getOriginalMessage(), e);
    }
    return new Task(seen.apiVersion(), seen.kind(), seen.metadata().withResourceVersion(
        answer.path("metadata").path("resourceVersion").asText(null)), seen.spec(), status);
  }

  @Override
  public void close() {
    running = false;
    loop.interrupt();
    senders.shutdown();
    try {
      senders.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    IllegalStateException closed = new IllegalStateException("status batcher closed");
    for (Pending p; (p = queue.poll()) != null; ) {
      p.result().completeExceptionally(closed);
    }
  }
}
