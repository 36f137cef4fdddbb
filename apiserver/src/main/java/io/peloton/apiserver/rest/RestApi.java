package io.peloton.apiserver.rest;

import io.peloton.apiserver.logs.TaskLogReader;
import io.peloton.apiserver.metrics.ApiMetrics;
import io.peloton.apiserver.service.ApiException;
import io.peloton.apiserver.service.ListOptions;
import io.peloton.apiserver.service.ObjectSizeLimit;
import io.peloton.apiserver.service.ResourceService;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The REST surface: discovery, health, metrics and the object routes. */
public final class RestApi {
  private static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
  private static final Duration LOG_POLL = Duration.ofMillis(500);

  private RestApi() {}

  /** Builds the router; {@code ready} says whether the server can serve consistent reads. */
  public static Router router(Vertx vertx, ResourceService service, ApiMetrics metrics,
      Duration bookmarkInterval, Duration watchTimeout, BooleanSupplier ready) {
    Router router = Router.router(vertx);
    router.route().handler(rc -> {
      long start = System.nanoTime();
      rc.addBodyEndHandler(v -> metrics.request(verb(rc), resourceOf(rc.request().path()),
          rc.response().getStatusCode(), System.nanoTime() - start));
      rc.next();
    });
    // before the body is read: a write in a type a web page may send cross-site is refused
    router.route(ObjectRoutes.PREFIX + "*").handler(rc -> {
      MediaTypes.checkWrite(rc.request());
      rc.next();
    });
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));

    router.get("/healthz").handler(rc -> rc.response().putHeader("Content-Type", "text/plain")
        .end("ok"));
    router.get("/livez").handler(rc -> rc.response().putHeader("Content-Type", "text/plain")
        .end("ok"));
    router.get("/readyz").handler(rc -> {
      boolean ok = ready.getAsBoolean();
      rc.response().setStatusCode(ok ? 200 : 503).putHeader("Content-Type", "text/plain")
          .end(ok ? "ok" : "not ready: the watch cache is loading");
    });
    router.get("/metrics").handler(rc -> rc.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(metrics.scrape()));
    com.fasterxml.jackson.databind.node.ObjectNode openApi =
        io.peloton.api.schema.OpenApiSchemas.document();
    router.get("/openapi/v3").handler(rc -> Bodies.send(rc, 200, openApi));
    router.get("/version").handler(rc -> Bodies.send(rc, 200, Discovery.version()));
    router.get("/api").handler(rc -> Bodies.send(rc, 200, Discovery.coreVersions()));
    router.get("/apis").handler(rc -> Bodies.send(rc, 200, Discovery.groupList()));
    router.get("/apis/peloton.io").handler(rc -> Bodies.send(rc, 200, Discovery.group()));
    router.get("/apis/peloton.io/v1").handler(rc -> Bodies.send(rc, 200,
        Discovery.resourceList()));

    TaskLogRoute logs = new TaskLogRoute(new TaskLogReader(vertx, service, LOG_POLL));
    router.get(TaskLogRoute.PATH).handler(logs::handle);
    ObjectRoutes objects = new ObjectRoutes(service, bookmarkInterval, watchTimeout);
    router.route(ObjectRoutes.PREFIX + "*").handler(objects::handle);

    router.route().last().handler(rc -> Bodies.sendError(rc, ApiException.notFound(
        "the server could not find the requested resource: " + rc.request().path())));
    // what fails before any route matches (a path that does not decode) still gets a Status
    router.errorHandler(400, rc -> Bodies.sendError(rc, ApiException.badRequest(
        "malformed request path: " + rc.request().path())));
    router.route().failureHandler(rc -> {
      int code = rc.statusCode() > 0 ? rc.statusCode() : 500;
      ApiException e = rc.failure() instanceof ApiException a ? a
          : code == 413 ? ApiException.tooLarge("the request body is larger than "
              + MAX_BODY_BYTES + " bytes; a single object may have at most "
              + ObjectSizeLimit.MAX_BYTES + " bytes")
          : code < 500 ? ApiException.badRequest("bad request")
          : ApiException.internal("internal error");
      Bodies.sendError(rc, e);
    });
    return router;
  }

  private static String verb(RoutingContext rc) {
    String method = rc.request().method().name();
    try {
      return ListOptions.isTrue(QueryParameters.of(rc).get("watch")) ? "WATCH" : method;
    } catch (ApiException e) {
      return method; // a malformed query was answered 400 already
    }
  }

  private static String resourceOf(String path) {
    if (!path.startsWith(ObjectRoutes.PREFIX)) {
      return "";
    }
    String[] s = path.substring(ObjectRoutes.PREFIX.length()).split("/");
    return s.length >= 3 && s[0].equals("namespaces") ? s[2] : s[0];
  }
}
