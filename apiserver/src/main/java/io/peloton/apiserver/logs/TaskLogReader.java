package io.peloton.apiserver.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.RunSandbox;
import io.peloton.api.task.TaskStatus;
import io.peloton.apiserver.service.ApiException;
import io.peloton.apiserver.service.ResourceService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Task {@code log} subresource: finds the requested run's sandbox in the Task's status and
 * streams its stdout or stderr from the agent's {@code /files/read} to the client, so clients
 * never reach agents. With {@code follow} it polls the file by offset until the run ends or the
 * client goes away.
 */
public final class TaskLogReader {
  private static final long CHUNK = 256 * 1024;
  private static final long MAX_TAIL_BYTES = 16L * 1024 * 1024;

  private final Vertx vertx;
  private final ResourceService service;
  private final AgentFiles files;
  private final Duration pollInterval;

  public TaskLogReader(Vertx vertx, ResourceService service, Duration pollInterval) {
    this.vertx = vertx;
    this.service = service;
    this.files = new AgentFiles(vertx);
    this.pollInterval = pollInterval;
  }

  /**
   * Answers {@code r} on {@code resp} (200 text/plain). Fails with the ApiException to send
   * (404 unknown task or run, 503 agent unreachable) before anything is written; a failure
   * while streaming ends the response.
   */
  public Future<Void> serve(LogRequest r, HttpServerResponse resp) {
    return sandboxOf(r).compose(sb -> files.size(sb, r.stream()).compose(size -> {
      Future<String> head = r.tailLines() == null ? Future.succeededFuture("")
          : tail(sb, r.stream(), r.tailLines(), size, "");
      return head.compose(text -> {
        resp.setStatusCode(200).putHeader("Content-Type", "text/plain; charset=utf-8")
            .setChunked(true);
        Future<Void> shown = r.tailLines() == null ? copy(sb, r.stream(), 0, size, resp)
            : text.isEmpty() ? Future.succeededFuture() : resp.write(text);
        return shown.compose(v -> r.follow() ? follow(r, sb, size, resp)
            : Future.succeededFuture());
      });
    })).compose(v -> resp.ended() || resp.closed() ? Future.succeededFuture() : resp.end());
  }

  /** The sandbox of the requested run, from the Task's status. */
  private Future<RunSandbox> sandboxOf(LogRequest r) {
    return service.get(ResourceTypes.TASK, r.namespace(), r.task()).map(task -> {
      TaskStatus st = statusOf(task);
      RunSandbox current = st == null ? null : st.sandbox();
      if (r.run() == null) {
        if (current == null) {
          throw ApiException.notFound("task " + r.task() + " has no sandbox yet: no run of it"
              + " has been launched on an agent");
        }
        return current;
      }
      if (current != null && r.run().equals(current.runId())) {
        return current;
      }
      List<RunSandbox> earlier = st == null || st.previousRuns() == null ? List.of()
          : st.previousRuns();
      for (RunSandbox previous : earlier) {
        if (r.run().equals(previous.runId())) {
          return previous;
        }
      }
      String known = Stream.concat(Stream.ofNullable(current), earlier.stream())
          .map(s -> String.valueOf(s.runId())).collect(Collectors.joining(", "));
      throw ApiException.notFound("run " + r.run() + " of task " + r.task()
          + " has no known sandbox" + (known.isEmpty() ? "" : " (known runs: " + known + ")"));
    });
  }

  private static TaskStatus statusOf(JsonNode task) {
    JsonNode status = task.get("status");
    try {
      return status == null ? null : Codecs.json().treeToValue(status, TaskStatus.class);
    } catch (JsonProcessingException e) {
      throw ApiException.internal("task status unreadable: " + e.getOriginalMessage());
    }
  }

  /** Writes bytes {@code [from, to)} of the file in chunks, each after the last was sent. */
  private Future<Void> copy(RunSandbox sb, String file, long from, long to,
      HttpServerResponse resp) {
    if (from >= to || resp.closed()) {
      return Future.succeededFuture();
    }
    long n = Math.min(CHUNK, to - from);
    return files.text(sb, file, from, n).compose(text -> text.isEmpty()
        ? Future.succeededFuture()
        : resp.write(text).compose(v -> copy(sb, file, from + n, to, resp)));
  }

  /**
   * The last {@code lines} lines of the file up to byte {@code end}, read backwards in chunks;
   * {@code after} is what was read behind it already.
   */
  private Future<String> tail(RunSandbox sb, String file, int lines, long end, String after) {
    if (lines == 0) {
      return Future.succeededFuture("");
    }
    long start = Math.max(0, end - CHUNK);
    return files.text(sb, file, start, end - start).compose(text -> {
      String seen = text + after;
      String last = lastLines(seen, lines);
      if (last.length() < seen.length() || start == 0 || seen.length() > MAX_TAIL_BYTES) {
        return Future.succeededFuture(last);
      }
      return tail(sb, file, lines, start, seen);
    });
  }

  /** The last {@code n} lines of {@code text} (a final newline ends the last line). */
  static String lastLines(String text, int n) {
    int end = text.endsWith("\n") ? text.length() - 1 : text.length();
    int cut = end;
    for (int found = 0; found < n; found++) {
      cut = text.lastIndexOf('\n', cut - 1);
      if (cut < 0) {
        return text;
      }
    }
    return text.substring(cut + 1);
  }

  /** Sends what the file gains from {@code offset} on until the run ends or the client leaves. */
  private Future<Void> follow(LogRequest r, RunSandbox sb, long offset,
      HttpServerResponse resp) {
    Promise<Void> done = Promise.promise();
    vertx.setTimer(pollInterval.toMillis(), id -> {
      if (resp.closed()) {
        done.complete();
        return;
      }
      // the run's end is read before the bytes, so the last bytes it wrote are always sent
      runEnded(r, sb).compose(ended -> files.size(sb, r.stream())
          .compose(size -> copy(sb, r.stream(), offset, size, resp)
              .compose(v -> ended ? Future.succeededFuture()
                  : follow(r, sb, Math.max(offset, size), resp))))
          .onComplete(ar -> done.complete()); // an agent gone mid-stream ends the stream
    });
    return done.future();
  }

  /** True once the Task is gone, on another run, or its run reached a terminal state. */
  private Future<Boolean> runEnded(LogRequest r, RunSandbox sb) {
    return service.get(ResourceTypes.TASK, r.namespace(), r.task()).map(task -> {
      TaskStatus st = statusOf(task);
      return st == null || st.runId() == null || !st.runId().equals(sb.runId())
          || st.state() != null && st.state().isTerminal();
    }).recover(t -> Future.succeededFuture(t instanceof ApiException e && e.code() == 404));
  }
}
