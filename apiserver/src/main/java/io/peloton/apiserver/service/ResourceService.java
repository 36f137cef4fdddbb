package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.TaskConditions;
import io.peloton.api.validation.Admitted;
import io.peloton.api.validation.FieldError;
import io.peloton.api.validation.ObjectAdmission;
import io.peloton.apiserver.cache.CacheEvent;
import io.peloton.apiserver.cache.CachedObject;
import io.peloton.apiserver.cache.ObjectCodec;
import io.peloton.apiserver.cache.WatchCache;
import io.peloton.apiserver.cache.WatchFilter;
import io.peloton.apiserver.storage.CreateResult;
import io.peloton.apiserver.storage.KeyValue;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.WatchEvent;
import io.peloton.apiserver.storage.WatchListener;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The API's operations on objects of every kind, with Kubernetes semantics; REST and gRPC are
 * thin adapters over this one class. Must be called on a Vert.x context.
 */
public final class ResourceService {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final int MAX_RETRIES = 8;
  private static final int ADMISSION_CHUNK = 500;
  private static final long CONSISTENT_READ_WAIT_MS = 3_000;

  private final Store store;
  private final WatchCache cache;
  private final Clock clock;
  private final java.util.function.LongSupplier compactedRevision;
  private final PoolAdmission pools;

  /**
   * @param compactedRevision the revision this server last compacted the store to: watches
   *     from before it are refused even if the cache still remembers them
   */
  public ResourceService(Store store, WatchCache cache, Clock clock,
      java.util.function.LongSupplier compactedRevision) {
    this.store = store;
    this.cache = cache;
    this.clock = clock;
    this.compactedRevision = compactedRevision;
    this.pools = new PoolAdmission(store, cache);
  }

  public WatchCache cache() {
    return cache;
  }

  // ---- reads ----

  /** The current object, read from the store. */
  public Future<ObjectNode> get(ResourceType type, String namespace, String name) {
    return read(type, namespace, name).map(CachedObject::tree);
  }

  /**
   * A list. Without limit/continue it is served from the watch cache once the cache has caught
   * up with the store (a consistent read); {@code resourceVersion=0} accepts any cached state.
   * Paged lists read the store at one revision, so every page belongs to one snapshot.
   */
  public Future<ObjectList> list(ResourceType type, String namespace, ListOptions options) {
    if (namespace != null) {
      checkScope(type, namespace);
    }
    WatchFilter filter = options.filter(type, namespace);
    if (options.limit() > 0 || options.continueToken() != null) {
      return listPaged(filter, options);
    }
    if (!cache.ready()) {
      return listPaged(filter, options);
    }
    if ("0".equals(options.resourceVersion())) {
      return Future.succeededFuture(ObjectList.of(type, cache.list(filter), null));
    }
    return Futures.onContext(store.currentRevision()
            .thenCompose(rev -> cache.awaitRevision(rev)
                .orTimeout(CONSISTENT_READ_WAIT_MS, TimeUnit.MILLISECONDS)))
        .map(v -> ObjectList.of(type, cache.list(filter), null))
        .recover(t -> listPaged(filter, options));
  }

  private Future<ObjectList> listPaged(WatchFilter filter, ListOptions options) {
    ResourceType type = filter.type();
    long revision = 0;
    String after = null;
    if (options.continueToken() != null) {
      ContinueToken token = ContinueToken.decode(options.continueToken());
      revision = token.revision();
      after = token.lastKey();
    }
    final long atRevision = revision;
    return Futures.onContext(store.list(type.namespacePrefix(filter.namespace()), atRevision,
            after, (int) Math.min(options.limit(), Integer.MAX_VALUE)))
        .recover(t -> {
          if (atRevision > 0 && Futures.unwrap(t) instanceof IllegalArgumentException) {
            return Future.failedFuture(ContinueToken.fromTheFuture(atRevision));
          }
          if (Futures.unwrap(t) instanceof StoreException.Compacted) {
            return Future.failedFuture(ApiException.expired(
                "The provided continue parameter is too old to display a consistent list result."
                    + " You can start a new list without the continue parameter."));
          }
          return Future.failedFuture(Futures.toApi(t, type, null));
        })
        .map(page -> {
          List<CachedObject> items = new ArrayList<>();
          String lastKey = null;
          for (KeyValue kv : page.items()) {
            lastKey = kv.key();
            CachedObject o = CachedObject.decode(type, kv.key(), kv.value(), kv.modRevision());
            if (filter.matches(o)) {
              items.add(o);
            }
          }
          String next = page.more() && lastKey != null
              ? new ContinueToken(page.revision(), lastKey).encode() : null;
          return ObjectList.of(type, new WatchCache.Snapshot(items, page.revision()), next);
        });
  }

  // ---- writes ----

  /**
   * Creates an object; the answer carries its uid, resourceVersion and generation 1, as the JSON
   * that was stored with the revision stamped in (no second encoding).
   */
  public Future<CachedObject> create(ResourceType type, String namespace, JsonNode body) {
    ObjectNode obj;
    byte[] stored;
    try {
      obj = admitNew(type, namespace, null, body);
      stored = ObjectSizeLimit.checked(ObjectCodec.storedBytes(obj));
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    String name = ObjectFields.name(obj);
    String key = type.key(namespace, name);
    return Futures.fromStore(store.create(key, stored), type, name)
        .map(rev -> CachedObject.decode(type, key, stored, rev));
  }

  /**
   * Creates many objects of one kind in as few store transactions as possible; one result per
   * input, in order (an invalid or existing object does not stop the others). A created item is
   * answered with its identity (apiVersion, kind, name, namespace, uid, resourceVersion), not the
   * whole object, to keep large batches cheap.
   */
  public Future<List<ItemResult>> createAll(ResourceType type, String namespace,
      List<JsonNode> bodies) {
    // admission is CPU work: spread it over worker threads, off the event loop
    return onWorkers(bodies, body -> admitNew(type, namespace, null, body)).compose(admitted -> {
      ItemResult[] results = new ItemResult[admitted.size()];
      List<KeyValue.Write> writes = new ArrayList<>();
      List<Integer> slots = new ArrayList<>();
      for (int i = 0; i < admitted.size(); i++) {
        byte[] stored = admitted.get(i) instanceof ObjectNode obj
            ? ObjectCodec.storedBytes(obj) : null;
        if (stored != null && stored.length > ObjectSizeLimit.MAX_BYTES) {
          admitted.set(i, ObjectSizeLimit.refusal(stored.length));
        }
        if (admitted.get(i) instanceof ObjectNode obj) {
          writes.add(new KeyValue.Write(type.key(namespace, ObjectFields.name(obj)), stored));
          slots.add(i);
        } else {
          results[i] = ItemResult.failed((ApiException) admitted.get(i));
        }
      }
      if (writes.isEmpty()) {
        return Future.succeededFuture(List.of(results));
      }
      return Futures.fromStore(store.createAll(writes), type, null)
          .map(created -> {
            for (int j = 0; j < created.size(); j++) {
              CreateResult r = created.get(j);
              ObjectNode obj = (ObjectNode) admitted.get(slots.get(j));
              if (r.created()) {
                results[slots.get(j)] =
                    new ItemResult(201, ObjectIdentity.of(obj).json(type, r.revision()));
              } else {
                results[slots.get(j)] =
                    ItemResult.failed(Futures.toApi(r.error(), type, ObjectFields.name(obj)));
              }
            }
            return List.of(results);
          });
    });
  }

  /**
   * Applies {@code work} to every item on worker threads, {@link #ADMISSION_CHUNK} at a time, so
   * CPU work stays off the event loop; one result per item, in order: what {@code work}
   * returned, or the ApiException it threw.
   */
  private static <T> Future<List<Object>> onWorkers(List<T> items,
      java.util.function.Function<T, Object> work) {
    List<Future<List<Object>>> parts = new ArrayList<>();
    io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
    for (int from = 0; from < items.size(); from += ADMISSION_CHUNK) {
      List<T> chunk = items.subList(from, Math.min(items.size(), from + ADMISSION_CHUNK));
      java.util.concurrent.Callable<List<Object>> part = () -> {
        List<Object> out = new ArrayList<>(chunk.size());
        for (T item : chunk) {
          try {
            out.add(work.apply(item));
          } catch (ApiException e) {
            out.add(e);
          }
        }
        return out;
      };
      parts.add(ctx == null ? Future.succeededFuture(callNow(part))
          : ctx.executeBlocking(part, false));
    }
    return Future.all(parts).map(all -> {
      List<Object> out = new ArrayList<>(items.size());
      parts.forEach(f -> out.addAll(f.result()));
      return out;
    });
  }

  private static <T> T callNow(java.util.concurrent.Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a status patch answers: the object's identity at its new version, and its status. */
  private static ItemResult identityAndStatus(ResourceType type, ObjectNode written) {
    long revision = Long.parseLong(written.path("metadata").path("resourceVersion").asText("0"));
    return new ItemResult(200,
        ObjectIdentity.of(written).json(type, revision, written.get("status")));
  }

  /**
   * Binds Tasks to hosts: sets each {@code spec.host}, conflict-checked against the Task version
   * the caller decided on (or the cached one). Bindings are read from the watch cache and written
   * concurrently, so the store batches them. One result per binding, in order.
   */
  public Future<List<ItemResult>> bindTasks(String namespace, List<TaskBinding> bindings) {
    Instant now = clock.instant(); // one transition time for the whole batch
    TaskBindingSplice.ScheduledJson scheduled = new TaskBindingSplice.ScheduledJson(now);
    return eachTask(namespace, bindings, TaskBinding::name,
        b -> bindOne(ResourceTypes.TASK, namespace, b, now, scheduled));
  }

  /**
   * Merge-patches the status of many Tasks of one namespace, each conflict-checked against the
   * version the caller saw (read from the watch cache when it holds that version, else from the
   * store). Written concurrently, so the store batches them. One result per patch, in order: the
   * Task's identity (metadata with its new resourceVersion) and its status after the patch, or a
   * Status (404, 409, 422). Spec and the rest of metadata are as the caller saw them, so they are
   * not sent back: a whole Task per item would cost more than the write.
   */
  public Future<List<ItemResult>> patchTaskStatuses(String namespace, List<StatusPatch> patches) {
    ResourceType type = ResourceTypes.TASK;
    checkScope(type, namespace);
    // parsing, merging and admitting each status is CPU work: on worker threads, like creates
    return onWorkers(patches, p -> preparedStatus(type, namespace, p)).compose(prepared -> {
      List<Integer> items = java.util.stream.IntStream.range(0, patches.size()).boxed().toList();
      return eachTask(namespace, items, i -> patches.get(i).name(), i -> {
        if (prepared.get(i) instanceof ApiException e) {
          return Future.failedFuture(e);
        }
        if (prepared.get(i) instanceof PreparedStatus ready) {
          return commit(type, ready.current().name(), ready.current(), ready.write())
              .map(o -> identityAndStatus(type, o));
        }
        // the cache does not hold the Task at that version (or none was given): the store
        return patchStatusOne(type, namespace, patches.get(i));
      });
    });
  }

  /** A status write worked out from the cached Task, ready to commit. */
  private record PreparedStatus(CachedObject current, Write write) {}

  /** The write of {@code p} when the cache holds the version it names, else null. */
  private PreparedStatus preparedStatus(ResourceType type, String namespace, StatusPatch p) {
    checkStatusPatch(type, p);
    CachedObject cached = cache.get(type, type.key(namespace, p.name()));
    if (cached == null || p.resourceVersion() == null
        || p.resourceVersion() != cached.revision()) {
      return null;
    }
    ObjectNode tree = cached.tree();
    return new PreparedStatus(cached,
        Write.of(tree, statusWritten(type, p.name(), tree, mergedStatus(tree, p))));
  }

  private static void checkStatusPatch(ResourceType type, StatusPatch p) {
    if (p.name() == null || p.name().isEmpty() || !(p.status() instanceof ObjectNode)) {
      throw ApiException.invalid(type, p.name(), List.of(
          p.name() == null || p.name().isEmpty() ? FieldError.required("name")
              : FieldError.invalid("status", "must be an object (a JSON merge patch of status)")));
    }
  }

  private static ObjectNode mergedStatus(ObjectNode tree, StatusPatch p) {
    ObjectNode status = tree.get("status") instanceof ObjectNode old ? old.deepCopy()
        : tree.objectNode();
    MergePatch.apply(status, p.status());
    return status;
  }

  /** Runs one operation per item concurrently; a failed item becomes its Status. */
  private <T> Future<List<ItemResult>> eachTask(String namespace, List<T> items,
      java.util.function.Function<T, String> name,
      java.util.function.Function<T, Future<ItemResult>> op) {
    ResourceType type = ResourceTypes.TASK;
    checkScope(type, namespace);
    List<Future<ItemResult>> results = new ArrayList<>(items.size());
    for (T item : items) {
      Future<ItemResult> one;
      try {
        one = op.apply(item);
      } catch (RuntimeException e) {
        one = Future.failedFuture(e);
      }
      results.add(one.recover(t -> Future.succeededFuture(
          ItemResult.failed(Futures.toApi(t, type, name.apply(item))))));
    }
    return Future.all(results).map(all -> {
      List<ItemResult> out = new ArrayList<>(results.size());
      results.forEach(f -> out.add(f.result()));
      return out;
    });
  }

  /** A status patch read against the store (retrying conflicts when no version was given). */
  private Future<ItemResult> patchStatusOne(ResourceType type, String namespace, StatusPatch p) {
    return withRetries(p.resourceVersion() == null, () -> read(type, namespace, p.name())
        .compose(cur -> {
          Preconditions.resourceVersion(type, p.name(),
              p.resourceVersion() == null ? 0 : p.resourceVersion(), cur);
          ObjectNode tree = cur.tree();
          return writeStatus(type, p.name(), cur, tree, mergedStatus(tree, p));
        })).map(o -> identityAndStatus(type, o));
  }

  /**
   * One merge patch of a Task's status.
   *
   * @param resourceVersion the version the patch was computed on, or null for the current one
   */
  public record StatusPatch(String name, JsonNode status, Long resourceVersion) {}

  private Future<ItemResult> bindOne(ResourceType type, String namespace, TaskBinding b,
      Instant now, TaskBindingSplice.ScheduledJson scheduledJson) {
    if (b.name() == null || b.name().isEmpty() || b.host() == null || b.host().isEmpty()) {
      return Future.failedFuture(ApiException.invalid(type, b.name(), List.of(
          b.name() == null || b.name().isEmpty() ? FieldError.required("name")
              : FieldError.required("host"))));
    }
    String key = type.key(namespace, b.name());
    CachedObject current = cache.get(type, key);
    if (current == null) {
      return Future.failedFuture(ApiException.notFound(type, b.name()));
    }
    long expected = b.resourceVersion() == null ? current.revision() : b.resourceVersion();
    if (expected != current.revision()) {
      return Future.failedFuture(ApiException.conflict(type, b.name()));
    }
    TaskBindingSplice.Result splice = TaskBindingSplice.bind(current.json(), b.host(),
        scheduledJson.forHost(b.host()));
    switch (splice.outcome()) {
      case BOUND -> {
        return Futures.onContext(store.update(key, splice.stored(), expected))
            .map(rev -> new ItemResult(200, splice.identity().json(type, rev)));
      }
      case ALREADY_BOUND -> {
        return Future.succeededFuture(new ItemResult(200,
            splice.identity().json(type, current.revision())));
      }
      case BOUND_ELSEWHERE -> {
        return Future.failedFuture(ApiException.conflictWith(type, b.name(),
            "task is already bound to host '" + splice.boundHost() + "'"));
      }
      case DELETING -> {
        return Future.failedFuture(ApiException.conflict(type, b.name()));
      }
      case UNSUPPORTED -> {
        // an unusual shape: the tree path below
      }
    }
    ObjectNode task = current.tree();
    ObjectNode meta = (ObjectNode) task.get("metadata");
    ObjectNode spec = task.with("spec");
    if (meta.hasNonNull("deletionTimestamp")) {
      return Future.failedFuture(ApiException.conflict(type, b.name()));
    }
    String bound = spec.path("host").asText("");
    if (bound.equals(b.host())) {
      return Future.succeededFuture(new ItemResult(200,
          ObjectIdentity.of(task).json(type, current.revision())));
    }
    if (!bound.isEmpty()) {
      return Future.failedFuture(ApiException.conflictWith(type, b.name(),
          "task is already bound to host '" + bound + "'"));
    }
    spec.put("host", b.host());
    meta.put("generation", meta.path("generation").asLong(1) + 1);
    meta.remove("resourceVersion");
    setCondition(task.with("status"),
        Codecs.json().valueToTree(TaskConditions.boundTo(b.host(), now)));
    return Futures.onContext(store.update(key, ObjectCodec.storedBytes(task), expected))
        .map(rev -> new ItemResult(200, ObjectIdentity.of(task).json(type, rev)));
  }

  /** Replaces the condition of the same type in {@code status.conditions}, or adds it first. */
  private static void setCondition(ObjectNode status, ObjectNode condition) {
    ArrayNode conditions = status.path("conditions").isArray()
        ? (ArrayNode) status.get("conditions") : status.putArray("conditions");
    String type = condition.path("type").asText();
    for (int i = 0; i < conditions.size(); i++) {
      if (type.equals(conditions.get(i).path("type").asText())) {
        conditions.set(i, condition);
        return;
      }
    }
    conditions.insert(0, condition);
  }

  /**
   * One binding of a Task to a host.
   *
   * @param resourceVersion the version the decision was made on, or null for the cached one
   */
  public record TaskBinding(String name, String host, Long resourceVersion) {}

  /** PUT of the main resource: spec and metadata from the body, status kept. */
  public Future<ObjectNode> update(ResourceType type, String namespace, String name,
      JsonNode body) {
    ObjectNode incoming;
    try {
      incoming = admitNew(type, namespace, name, body);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    long precondition = ObjectFields.resourceVersion(body);
    String uid = ObjectFields.uid(body);
    return read(type, namespace, name).compose(current -> {
      Preconditions.resourceVersion(type, name, precondition, current);
      Preconditions.uid(type, name, "metadata.uid", uid, current.tree());
      return writeMain(type, namespace, name, current, incoming);
    });
  }

  /** PUT of the {@code /status} subresource: status from the body, everything else kept. */
  public Future<ObjectNode> updateStatus(ResourceType type, String namespace, String name,
      JsonNode body) {
    if (!type.hasStatus()) {
      return Future.failedFuture(ApiException.notFound(
          "the server could not find the requested resource: " + type.plural() + "/status"));
    }
    if (!(body instanceof ObjectNode)) {
      return Future.failedFuture(ApiException.badRequest("request body must be a JSON object"));
    }
    checkNameMatches(name, body);
    long precondition = ObjectFields.resourceVersion(body);
    return read(type, namespace, name).compose(current -> {
      Preconditions.resourceVersion(type, name, precondition, current);
      return writeStatus(type, name, current, current.tree(), body.get("status"));
    });
  }

  /** JSON merge patch (RFC 7386) of the main resource or its status; retried on conflicts. */
  public Future<ObjectNode> patch(ResourceType type, String namespace, String name,
      JsonNode patch, boolean status) {
    if (!(patch instanceof ObjectNode)) {
      return Future.failedFuture(ApiException.badRequest("a merge patch must be a JSON object"));
    }
    long precondition = ObjectFields.resourceVersion(patch);
    String uid = ObjectFields.uid(patch);
    return withRetries(precondition == 0, () -> read(type, namespace, name).compose(current -> {
      Preconditions.resourceVersion(type, name, precondition, current);
      ObjectNode tree = current.tree();
      Preconditions.uid(type, name, "metadata.uid", uid, tree);
      ObjectNode merged = tree.deepCopy();
      MergePatch.apply(merged, patch);
      if (status) {
        return writeStatus(type, name, current, tree, merged.get("status"));
      }
      ObjectNode incoming = admitNew(type, namespace, name, merged);
      return writeMain(type, namespace, name, current, incoming);
    }));
  }

  /**
   * Server-side apply with a single owner of spec: creates the object, or sets its spec, labels
   * and annotations to the manifest's while keeping status; writes nothing when unchanged.
   */
  public Future<Applied> apply(ResourceType type, String namespace, String name,
      JsonNode manifest) {
    ObjectNode desired;
    try {
      desired = admitNew(type, namespace, name, manifest);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return withRetries(true, () -> Futures.fromStore(store.get(type.key(namespace, name)), type, name)
        .compose(kv -> {
          if (kv == null) {
            return create(type, namespace, desired)
                .map(o -> new Applied(o.tree(), Applied.CREATED));
          }
          CachedObject current = CachedObject.decode(type, kv.key(), kv.value(), kv.modRevision());
          ObjectNode next = desired.deepCopy();
          keepControllerMetadata(current, next);
          return writeMain(type, namespace, name, current, next).map(o ->
              new Applied(o, o.path("metadata").path("resourceVersion").asText()
                  .equals(Long.toString(current.revision())) ? Applied.UNCHANGED
                  : Applied.CONFIGURED));
        }));
  }

  /**
   * Deletes an object: at once when it has no finalizers, else by setting its
   * deletionTimestamp (it goes when the last finalizer is removed).
   */
  public Future<ObjectNode> delete(ResourceType type, String namespace, String name,
      DeleteOptions options) {
    // a pool still in use is refused first (it would stay deleting for ever)
    return pools.checkDelete(type, name).compose(ok -> withRetries(!options.hasPrecondition(),
        () -> read(type, namespace, name)
            .compose(current -> deleteCurrent(type, name, options, current))));
  }

  private Future<ObjectNode> deleteCurrent(ResourceType type, String name, DeleteOptions options,
      CachedObject current) {
    ObjectNode obj = current.tree();
    Preconditions.uid(type, name, "preconditions.uid", options.uid(), obj);
    Preconditions.deleteResourceVersion(type, name, options.resourceVersion(), current);
    ObjectNode meta = (ObjectNode) obj.get("metadata");
    if (meta.path("finalizers").size() > 0) {
      if (meta.hasNonNull("deletionTimestamp")) {
        return Future.succeededFuture(obj);
      }
      meta.put("deletionTimestamp", now());
      return Futures.fromStore(store.update(current.key(), ObjectCodec.storedBytes(obj),
              current.revision()), type, name)
          .map(rev -> {
            ObjectCodec.setResourceVersion(obj, rev);
            return obj;
          });
    }
    return Futures.fromStore(store.delete(current.key(), current.revision()), type, name)
        .map(rev -> obj);
  }

  // ---- watch ----

  /**
   * Streams changes to the sink: from the cache when it still holds changes after
   * {@code resourceVersion}, else straight from the store (410 when compacted). With no
   * resourceVersion (or "0") the stream starts with every current object as ADDED.
   */
  public Future<WatchHandle> watch(ResourceType type, String namespace, ListOptions options,
      WatchSink sink) {
    if (namespace != null) {
      checkScope(type, namespace);
    }
    WatchFilter filter = options.filter(type, namespace);
    String rv = options.resourceVersion();
    long after;
    if (rv == null || rv.isEmpty() || rv.equals("0")) {
      after = -1;
    } else {
      try {
        after = Long.parseLong(rv);
      } catch (NumberFormatException e) {
        return Future.failedFuture(
            ApiException.badRequest("resourceVersion must be a number, got '" + rv + "'"));
      }
    }
    if (!cache.ready()) {
      return Future.failedFuture(ApiException.unavailable("the watch cache is not ready yet"));
    }
    if (after >= 0 && after < compactedRevision.getAsLong()) {
      return Future.failedFuture(ApiException.expired("too old resource version: " + after
          + " (" + compactedRevision.getAsLong() + ")"));
    }
    WatchCache.Subscription sub = cache.subscribe(filter, after, sink::events,
        reason -> sink.end(null));
    if (sub != null) {
      return Future.succeededFuture(new WatchHandle(sub::cancel, true));
    }
    final long from = after;
    return Futures.onContext(store.compactedRevision()).compose(compacted -> {
      if (from < compacted) {
        return Future.failedFuture(ApiException.expired("too old resource version: " + from
            + " (" + compacted + ")"));
      }
      var w = store.watch(type.namespacePrefix(filter.namespace()), from,
          new DirectWatch(filter, sink));
      return Future.succeededFuture(new WatchHandle(w::close, false));
    });
  }

  /**
   * A running watch.
   *
   * @param fromCache whether it is served by the watch cache (and so may carry bookmarks at
   *     the cache's revision)
   */
  public record WatchHandle(Runnable cancel, boolean fromCache) {}

  /** Receives a watch's events; called from any thread, must not block. */
  public interface WatchSink {
    void events(List<CacheEvent> events);

    /** The watch ended: null when closed by the server, else the error to report. */
    void end(ApiException error);
  }

  private static final class DirectWatch implements WatchListener {
    private final WatchFilter filter;
    private final WatchSink sink;

    DirectWatch(WatchFilter filter, WatchSink sink) {
      this.filter = filter;
      this.sink = sink;
    }

    @Override
    public void onEvents(List<WatchEvent> events) {
      List<CacheEvent> out = new ArrayList<>();
      for (WatchEvent e : events) {
        CachedObject o = CachedObject.decode(filter.type(), e.key(), e.value(), e.revision());
        if (!filter.matches(o)) {
          continue;
        }
        String t = e.type() == WatchEvent.Type.DELETE ? CacheEvent.DELETED
            : e.created() ? CacheEvent.ADDED : CacheEvent.MODIFIED;
        out.add(new CacheEvent(t, o));
      }
      if (!out.isEmpty()) {
        sink.events(out);
      }
    }

    @Override
    public void onError(Throwable error) {
      sink.end(Futures.toApi(error, filter.type(), null));
    }
  }

  // ---- internals ----

  private Future<CachedObject> read(ResourceType type, String namespace, String name) {
    checkScope(type, namespace);
    return Futures.fromStore(store.get(type.key(namespace, name)), type, name)
        .map(kv -> {
          if (kv == null) {
            throw ApiException.notFound(type, name);
          }
          return CachedObject.decode(type, kv.key(), kv.value(), kv.modRevision());
        });
  }

  /** Writes new spec/metadata over the current object, keeping status and server fields. */
  private Future<ObjectNode> writeMain(ResourceType type, String namespace, String name,
      CachedObject current, ObjectNode incoming) {
    ObjectNode cur = current.tree();
    ObjectNode curMeta = (ObjectNode) cur.get("metadata");
    ObjectNode meta = (ObjectNode) incoming.get("metadata");
    for (String field : new String[] {"uid", "creationTimestamp", "deletionTimestamp",
        "generation"}) {
      if (curMeta.has(field)) {
        meta.set(field, curMeta.get(field));
      } else {
        meta.remove(field);
      }
    }
    meta.remove("resourceVersion");
    if (type.hasStatus()) {
      if (cur.has("status")) {
        incoming.set("status", cur.get("status"));
      } else {
        incoming.remove("status");
      }
      if (!Objects.equals(cur.get("spec"), incoming.get("spec"))) {
        meta.put("generation", curMeta.path("generation").asLong(1) + 1);
        pools.checkJob(type, incoming);
      }
    } else if (!Objects.equals(withoutMeta(cur), withoutMeta(incoming))) {
      meta.put("generation", curMeta.path("generation").asLong(1) + 1);
    }
    return commit(type, name, current, cur, incoming);
  }

  /** @param cur {@code current} parsed, not changed by the caller */
  private Future<ObjectNode> writeStatus(ResourceType type, String name, CachedObject current,
      ObjectNode cur, JsonNode status) {
    return commit(type, name, current, cur, statusWritten(type, name, cur, status));
  }

  /** {@code cur} with {@code status}, admitted (only the status is checked: the rest is stored). */
  private static ObjectNode statusWritten(ResourceType type, String name, ObjectNode cur,
      JsonNode status) {
    ObjectNode next = cur.deepCopy();
    if (status == null || status.isNull()) {
      next.remove("status");
    } else {
      next.set("status", status);
    }
    ((ObjectNode) next.get("metadata")).remove("resourceVersion");
    JsonNode metadata = next.get("metadata");
    Admitted admitted = ObjectAdmission.admitStatus(type, next);
    if (!admitted.ok()) {
      throw ApiException.invalid(type, name, admitted.errors());
    }
    ObjectNode normalized = admitted.object();
    // admission may re-encode; server-managed metadata must survive it exactly
    normalized.set("metadata", metadata);
    return normalized;
  }

  /** Writes {@code next} if it differs from {@code cur}; deletes when finalization is done. */
  private Future<ObjectNode> commit(ResourceType type, String name, CachedObject current,
      ObjectNode cur, ObjectNode next) {
    return commit(type, name, current, Write.of(cur, next));
  }

  /**
   * What a write of {@code next} over {@code cur} (the current object, its resourceVersion
   * dropped here) comes to; working it out is CPU work a batch does on worker threads.
   *
   * @param stored the value to store, or null when nothing changed or the write deletes
   */
  private record Write(ObjectNode next, boolean unchanged, boolean deletes, byte[] stored) {
    static Write of(ObjectNode cur, ObjectNode next) {
      ((ObjectNode) cur.get("metadata")).remove("resourceVersion");
      if (cur.equals(next)) {
        return new Write(next, true, false, null);
      }
      JsonNode meta = next.get("metadata");
      if (meta.hasNonNull("deletionTimestamp") && meta.path("finalizers").isEmpty()) {
        return new Write(next, false, true, null);
      }
      return new Write(next, false, false,
          ObjectSizeLimit.checked(ObjectCodec.storedBytes(next)));
    }
  }

  private Future<ObjectNode> commit(ResourceType type, String name, CachedObject current,
      Write w) {
    ObjectNode next = w.next();
    if (w.unchanged()) {
      ObjectCodec.setResourceVersion(next, current.revision());
      return Future.succeededFuture(next);
    }
    CompletableFuture<Long> written = w.deletes() ? store.delete(current.key(), current.revision())
        : store.update(current.key(), w.stored(), current.revision());
    return Futures.fromStore(written, type, name).map(rev -> {
      ObjectCodec.setResourceVersion(next, rev);
      return next;
    });
  }


  /**
   * Checks and admits a new object or a replacement: type fields, namespace and name agree with
   * the URL, then strict decoding, defaulting and validation. Server-managed metadata is set for
   * a create (uid, creationTimestamp, generation); status is dropped for kinds that have a
   * status subresource.
   */
  private ObjectNode admitNew(ResourceType type, String namespace, String urlName, JsonNode body) {
    if (!(body instanceof ObjectNode input)) {
      throw ApiException.badRequest("request body must be a JSON or YAML object");
    }
    // callers hand over trees they do not use afterwards (parsed request bodies, merged copies)
    ObjectNode obj = input;
    TypeFields.stamp(type, urlName, obj);
    JsonNode metaNode = obj.get("metadata");
    if (metaNode != null && !metaNode.isObject()) {
      throw ApiException.invalid(type, urlName,
          List.of(FieldError.invalid("metadata", "must be an object")));
    }
    ObjectNode meta = metaNode == null ? obj.putObject("metadata") : (ObjectNode) metaNode;
    checkScope(type, namespace);
    if (type.namespaced()) {
      String bodyNs = meta.path("namespace").asText("");
      if (!bodyNs.isEmpty() && !bodyNs.equals(namespace)) {
        throw ApiException.badRequest("the namespace of the provided object ('" + bodyNs
            + "') does not match the namespace sent on the request ('" + namespace + "')");
      }
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    String bodyName = meta.path("name").asText("");
    if (urlName != null && !bodyName.isEmpty() && !bodyName.equals(urlName)) {
      throw ApiException.badRequest("the name of the object ('" + bodyName
          + "') does not match the name on the URL ('" + urlName + "')");
    }
    if (urlName != null) {
      meta.put("name", urlName);
    }
    if (type.hasStatus()) {
      obj.remove("status");
    }
    Admitted admitted = ObjectAdmission.admit(type, obj);
    List<FieldError> errors = new ArrayList<>(admitted.errors());
    // admission may derive a name (a Task's is <job>-<instance>); only a name still missing
    // after it is an error
    String admittedName = admitted.ok()
        ? admitted.object().path("metadata").path("name").asText("") : null;
    boolean nameMissing = admitted.ok() ? admittedName.isEmpty()
        : meta.path("name").asText("").isEmpty() && type != ResourceTypes.TASK;
    if (nameMissing && errors.stream().noneMatch(e -> e.field().equals("metadata.name"))) {
      errors.add(0, FieldError.required("metadata.name"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(type, meta.path("name").asText(""), errors);
    }
    ObjectNode out = admitted.object();
    ObjectNode outMeta = (ObjectNode) out.get("metadata");
    outMeta.put("uid", randomUid());
    outMeta.put("creationTimestamp", now());
    outMeta.put("generation", 1);
    outMeta.remove("resourceVersion");
    outMeta.remove("deletionTimestamp");
    if (type.hasStatus()) {
      out.remove("status");
    }
    if (urlName == null) {
      pools.checkJob(type, out); // a create; a replacement is checked when its spec changes
    }
    return out;
  }

  /**
   * A random (version 4) UUID. A uid tells re-created objects apart; it is no secret, so the
   * thread-local generator serves, without SecureRandom's lock on every create.
   */
  private static String randomUid() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  private static void checkScope(ResourceType type, String namespace) {
    if (type.namespaced()) {
      if (namespace == null || !DNS_LABEL.matcher(namespace).matches()
          || namespace.length() > 63) {
        throw ApiException.badRequest("namespace '" + namespace
            + "' is not valid: it must be a lower-case DNS label (a-z, 0-9, '-')");
      }
    }
  }

  private static void checkNameMatches(String name, JsonNode body) {
    String bodyName = body.path("metadata").path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiException.badRequest("the name of the object ('" + bodyName
          + "') does not match the name on the URL ('" + name + "')");
    }
  }

  private static void checkPrecondition(ResourceType type, String name, long expected,
      CachedObject current) {
    if (expected != 0 && expected != current.revision()) {
      throw ApiException.conflict(type, name);
    }
  }

  /**
   * Finalizers and owner references are usually set by controllers, not in manifests: an apply
   * that does not mention them leaves them alone.
   */
  private static void keepControllerMetadata(CachedObject current, ObjectNode next) {
    ObjectNode meta = (ObjectNode) next.get("metadata");
    JsonNode curMeta = current.tree().get("metadata");
    for (String field : new String[] {"finalizers", "ownerReferences"}) {
      if (!meta.has(field) && curMeta.has(field)) {
        meta.set(field, curMeta.get(field));
      }
    }
  }

  private static ObjectNode withoutMeta(ObjectNode o) {
    ObjectNode copy = o.deepCopy();
    copy.remove("metadata");
    return copy;
  }

  private String now() {
    // formatting an Instant is costly at thousands of writes/s; it changes once a second
    long second = clock.millis() / 1000;
    Stamp last = lastStamp;
    if (last.second != second) {
      last = new Stamp(second, Instant.ofEpochSecond(second).toString());
      lastStamp = last;
    }
    return last.text;
  }

  private record Stamp(long second, String text) {}

  private volatile Stamp lastStamp = new Stamp(-1, "");

  /** Runs an optimistic read-modify-write, again on a revision conflict when allowed. */
  private static <T> Future<T> withRetries(boolean retry,
      java.util.function.Supplier<Future<T>> attempt) {
    return attemptOnce(retry ? MAX_RETRIES : 0, attempt);
  }

  private static <T> Future<T> attemptOnce(int retriesLeft,
      java.util.function.Supplier<Future<T>> attempt) {
    Future<T> f;
    try {
      f = attempt.get();
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return f.recover(t -> {
      // a lost race is worth another try; a failed precondition of the request's own
      // (named in the Status' causes) fails the same way every time
      if (retriesLeft > 0 && t instanceof ApiException a && a.code() == 409
          && a.reason().equals("Conflict") && a.status().at("/details/causes").isEmpty()) {
        return attemptOnce(retriesLeft - 1, attempt);
      }
      return Future.failedFuture(t);
    });
  }

  /** Outcome of an apply. */
  public record Applied(ObjectNode object, String outcome) {
    public static final String CREATED = "created";
    public static final String CONFIGURED = "configured";
    public static final String UNCHANGED = "unchanged";
  }

  /**
   * One result of a batch: the HTTP code REST would have answered and its body as JSON bytes
   * (answers are rendered once, where they are made; a batch's answer is their concatenation).
   */
  public record ItemResult(int code, byte[] json) {
    static ItemResult failed(ApiException e) {
      return new ItemResult(e.code(), ObjectCodec.bytes(e.status()));
    }
  }
}
