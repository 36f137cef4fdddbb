package io.peloton.apiserver.rest;

import io.peloton.apiserver.logs.LogRequest;
import io.peloton.apiserver.logs.TaskLogReader;
import io.peloton.apiserver.service.ApiException;
import io.vertx.ext.web.RoutingContext;

/** {@code GET .../namespaces/{ns}/tasks/{name}/log}: a task run's stdout or stderr. */
final class TaskLogRoute {
  static final String PATH = ObjectRoutes.PREFIX + "namespaces/:namespace/tasks/:name/log";

  private final TaskLogReader reader;

  TaskLogRoute(TaskLogReader reader) {
    this.reader = reader;
  }

  void handle(RoutingContext rc) {
    try {
      LogRequest r = LogRequest.of(rc.pathParam("namespace"), rc.pathParam("name"),
          rc.queryParams());
      reader.serve(r, rc.response()).onFailure(t -> {
        if (rc.response().headWritten()) {
          rc.response().end(); // mid-stream: the bytes sent so far are the answer
        } else {
          Bodies.sendError(rc, t instanceof ApiException e ? e
              : ApiException.internal("reading the log failed: " + t.getMessage()));
        }
      });
    } catch (ApiException e) {
      Bodies.sendError(rc, e);
    }
  }
}
