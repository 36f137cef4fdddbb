package io.peloton.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.codec.Codecs;
import io.peloton.apiserver.service.ApiException;
import io.peloton.apiserver.service.DeleteOptions;
import io.peloton.apiserver.service.ListOptions;
import io.peloton.apiserver.service.RenderedList;
import io.peloton.apiserver.service.ResourceService;
import io.peloton.apiserver.service.WatchStream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** REST handlers for {@code /apis/peloton.io/v1/...}: a thin adapter over ResourceService. */
final class ObjectRoutes {
  static final String PREFIX = "/apis/peloton.io/v1/";
  private static final long REQUEST_TIMEOUT_MS = 60_000;
  private static final String BINDINGS = "taskbindings";
  private static final String STATUSES = "taskstatuses";

  private final ResourceService service;
  private final Duration bookmarkInterval;
  private final Duration defaultWatchTimeout;

  ObjectRoutes(ResourceService service, Duration bookmarkInterval, Duration defaultWatchTimeout) {
    this.service = service;
    this.bookmarkInterval = bookmarkInterval;
    this.defaultWatchTimeout = defaultWatchTimeout;
  }

  void handle(RoutingContext rc) {
    try {
      if (rc.request().path().length() < PREFIX.length()) {
        // the route also matches the prefix without its slash: the version's discovery
        throw ApiException.methodNotAllowed(rc.request().method() + " is not supported on "
            + rc.request().path() + "; use GET");
      }
      String rest = rc.request().path().substring(PREFIX.length());
      if (rest.startsWith("namespaces/") && rest.endsWith("/" + BINDINGS)) {
        bindTasks(rc, rest.substring("namespaces/".length(),
            rest.length() - BINDINGS.length() - 1)).onFailure(t -> fail(rc, t));
        return;
      }
      if (rest.startsWith("namespaces/") && rest.endsWith("/" + STATUSES)) {
        patchTaskStatuses(rc, rest.substring("namespaces/".length(),
            rest.length() - STATUSES.length() - 1)).onFailure(t -> fail(rc, t));
        return;
      }
      ResourcePath path = ResourcePath.parse(rc.request().path().substring(PREFIX.length()));
      HttpMethod m = rc.request().method();
      Future<?> done;
      if (path.name() == null) {
        done = collection(rc, path, m);
      } else {
        done = single(rc, path, m);
      }
      if (done != null) {
        done.onFailure(t -> fail(rc, t));
        // a fast request may already be answered: only pending ones need the deadline
        if (!isTrue(QueryParameters.of(rc).get("watch")) && !rc.response().headWritten()) {
          // a request the store never answers gets a 504, not a connection held forever
          long timer = rc.vertx().setTimer(REQUEST_TIMEOUT_MS, id -> Bodies.sendError(rc,
              ApiException.timeout("the request did not complete within "
                  + REQUEST_TIMEOUT_MS / 1000 + " s; it may still take effect")));
          rc.addEndHandler(v -> rc.vertx().cancelTimer(timer));
        }
      }
    } catch (RuntimeException e) {
      fail(rc, e);
    }
  }

  private Future<?> collection(RoutingContext rc, ResourcePath p, HttpMethod m) {
    if (m == HttpMethod.GET) {
      QueryParameters query = QueryParameters.of(rc);
      ListOptions options = ListOptions.parse(query::get);
      if (isTrue(query.get("watch"))) {
        return watch(rc, p, options);
      }
      return service.list(p.type(), p.namespace(), options)
          .onSuccess(list -> {
            if (Bodies.wantsYaml(rc)) {
              Bodies.send(rc, 200, list.toTree());
            } else {
              Bodies.sendJsonBytes(rc, 200, list.toJson());
            }
          });
    }
    if (m == HttpMethod.POST) {
      if (p.type().namespaced() && p.namespace() == null) {
        throw ApiException.methodNotAllowed("create " + p.type().plural()
            + " in a namespace: POST /apis/" + p.type().apiVersion() + "/namespaces/{namespace}/"
            + p.type().plural());
      }
      JsonNode body = Bodies.read(rc);
      if (body.path("kind").asText("").endsWith("List") && body.has("items")) {
        return bulkCreate(rc, p, body);
      }
      return service.create(p.type(), p.namespace(), body)
          .onSuccess(o -> Bodies.sendJsonBytes(rc, 201, o.json()));
    }
    throw ApiException.methodNotAllowed(m + " is not supported on a collection; use GET or POST");
  }

  private Future<?> bulkCreate(RoutingContext rc, ResourcePath p, JsonNode body) {
    List<JsonNode> items = new ArrayList<>();
    body.get("items").forEach(items::add);
    return service.createAll(p.type(), p.namespace(), items)
        .onSuccess(results -> sendItems(rc, results));
  }

  /** {@code POST .../namespaces/{ns}/taskbindings}: a TaskBindingList of {name, host, resourceVersion}. */
  private Future<?> bindTasks(RoutingContext rc, String namespace) {
    requirePost(rc, BINDINGS);
    var body = rc.body().buffer();
    byte[] json;
    try {
      // YAML is rare here: read it as a tree and hand its JSON to the one streaming reader
      json = Bodies.isYaml(rc.request().getHeader("Content-Type"))
          ? Codecs.json().writeValueAsBytes(Bodies.read(rc))
          : body == null ? new byte[0] : body.getBytes();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("request body could not be read: " + e.getOriginalMessage());
    }
    return service.bindTasks(namespace, TaskBindingListReader.read(json))
        .onSuccess(results -> sendItems(rc, results));
  }

  /**
   * {@code POST .../namespaces/{ns}/taskstatuses}: a TaskStatusPatchList of {name,
   * resourceVersion, status}, each status a JSON merge patch.
   */
  private Future<?> patchTaskStatuses(RoutingContext rc, String namespace) {
    List<ResourceService.StatusPatch> patches = new ArrayList<>();
    for (JsonNode i : batchItems(rc, STATUSES, "TaskStatusPatchList")) {
      patches.add(new ResourceService.StatusPatch(i.path("name").asText(""), i.get("status"),
          itemVersion(i)));
    }
    return service.patchTaskStatuses(namespace, patches)
        .onSuccess(results -> sendItems(rc, results));
  }

  private static void requirePost(RoutingContext rc, String resource) {
    if (rc.request().method() != HttpMethod.POST) {
      throw ApiException.methodNotAllowed(resource + " only accepts POST");
    }
  }

  private static JsonNode batchItems(RoutingContext rc, String resource, String listKind) {
    requirePost(rc, resource);
    JsonNode items = Bodies.read(rc).get("items");
    if (items == null || !items.isArray()) {
      throw ApiException.badRequest("a " + listKind + " needs an 'items' array");
    }
    return items;
  }

  private static Long itemVersion(JsonNode item) {
    String rv = item.path("resourceVersion").asText("");
    try {
      return rv.isEmpty() ? null : Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("items[].resourceVersion must be a number, got '" + rv + "'");
    }
  }

  /** A List of the items' answers, each already rendered. */
  private static void sendItems(RoutingContext rc, List<ResourceService.ItemResult> results) {
    Bodies.sendJsonBytes(rc, 200, RenderedList.of(
        "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[",
        results.stream().map(ResourceService.ItemResult::json).toList()));
  }

  private Future<?> single(RoutingContext rc, ResourcePath p, HttpMethod m) {
    boolean status = "status".equals(p.subresource());
    if (m == HttpMethod.GET) {
      return service.get(p.type(), p.namespace(), p.name()).onSuccess(o -> Bodies.send(rc, 200, o));
    }
    if (m == HttpMethod.PUT) {
      JsonNode body = Bodies.read(rc);
      Future<ObjectNode> f = status
          ? service.updateStatus(p.type(), p.namespace(), p.name(), body)
          : service.update(p.type(), p.namespace(), p.name(), body);
      return f.onSuccess(o -> Bodies.send(rc, 200, o));
    }
    if (m == HttpMethod.PATCH) {
      String ct = String.valueOf(rc.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
      JsonNode body = Bodies.read(rc);
      if (ct.startsWith("application/apply-patch")) {
        if (status) {
          throw ApiException.unsupportedMediaType("apply is not supported on /status");
        }
        return service.apply(p.type(), p.namespace(), p.name(), body).onSuccess(a -> {
          rc.response().putHeader("X-Peloton-Apply", a.outcome());
          Bodies.send(rc, a.outcome().equals(ResourceService.Applied.CREATED) ? 201 : 200,
              a.object());
        });
      }
      if (ct.startsWith("application/merge-patch+json")
          || ct.startsWith("application/strategic-merge-patch+json")) {
        return service.patch(p.type(), p.namespace(), p.name(), body, status)
            .onSuccess(o -> Bodies.send(rc, 200, o));
      }
      throw ApiException.unsupportedMediaType("PATCH needs Content-Type"
          + " application/merge-patch+json or application/apply-patch+yaml, got '" + ct + "'");
    }
    if (m == HttpMethod.DELETE) {
      if (status) {
        throw ApiException.methodNotAllowed("DELETE is not supported on /status");
      }
      return service.delete(p.type(), p.namespace(), p.name(), deleteOptions(rc))
          .onSuccess(o -> Bodies.send(rc, 200, o));
    }
    throw ApiException.methodNotAllowed(m + " is not supported on an object");
  }

  /** DeleteOptions from the body, or the query's resourceVersion and propagationPolicy. */
  private static DeleteOptions deleteOptions(RoutingContext rc) {
    QueryParameters query = QueryParameters.of(rc);
    boolean hasBody = rc.body().buffer() != null && rc.body().buffer().length() > 0;
    return DeleteOptions.parse(hasBody ? Bodies.read(rc) : null, query.get("resourceVersion"),
        query.get("propagationPolicy"));
  }

  private Future<?> watch(RoutingContext rc, ResourcePath p, ListOptions options) {
    HttpServerResponse resp = rc.response();
    Vertx vertx = rc.vertx();
    WatchStream[] stream = new WatchStream[1];
    long[] timers = {-1, -1};
    Runnable[] cancel = {() -> { }};
    Runnable cleanup = () -> {
      stream[0].stop();
      cancel[0].run();
      for (long t : timers) {
        if (t >= 0) {
          vertx.cancelTimer(t);
        }
      }
    };
    stream[0] = new WatchStream(vertx.getOrCreateContext(), p.type(), buf -> {
      if (!resp.headWritten()) {
        startStream(resp);
      }
      resp.write(buf);
    }, error -> {
      if (!resp.ended()) {
        if (!resp.headWritten()) {
          startStream(resp);
        }
        resp.end();
      }
      cleanup.run();
    });
    return service.watch(p.type(), p.namespace(), options, stream[0]).onSuccess(handle -> {
      cancel[0] = handle.cancel();
      if (!resp.headWritten()) {
        startStream(resp);
      }
      resp.closeHandler(v -> cleanup.run());
      // a client may ask for a shorter watch, not a longer one: it re-watches either way
      long asked = options.timeoutSeconds() > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE
          : options.timeoutSeconds() * 1000;
      long timeout = Math.max(1, options.timeoutSeconds() > 0
          ? Math.min(asked, defaultWatchTimeout.toMillis()) : defaultWatchTimeout.toMillis());
      timers[0] = vertx.setTimer(timeout, t -> stream[0].end(null));
      if (handle.fromCache() && options.allowBookmarks()) {
        timers[1] = vertx.setPeriodic(bookmarkInterval.toMillis(),
            t -> stream[0].bookmark(service.cache()::deliveredRevision));
      }
    });
  }

  private static void startStream(HttpServerResponse resp) {
    resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache, private");
    resp.write(io.vertx.core.buffer.Buffer.buffer());
  }

  private static boolean isTrue(String v) {
    return ListOptions.isTrue(v);
  }

  static void fail(RoutingContext rc, Throwable t) {
    ApiException e = t instanceof ApiException a ? a
        : ApiException.internal("internal error: " + t.getClass().getSimpleName());
    if (!(t instanceof ApiException)) {
      org.slf4j.LoggerFactory.getLogger(ObjectRoutes.class)
          .error("unexpected failure serving {} {}", rc.request().method(), rc.request().uri(), t);
    }
    Bodies.sendError(rc, e);
  }
}
