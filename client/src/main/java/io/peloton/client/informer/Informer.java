package io.peloton.client.informer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.api.ApiObject;
import io.peloton.client.ApiError;
import io.peloton.client.DaemonThreads;
import io.peloton.client.ListOptions;
import io.peloton.client.ObjectKey;
import io.peloton.client.ObjectList;
import io.peloton.client.TypedClient;
import io.peloton.client.WatchEvent;
import io.peloton.client.WatchStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a local, indexed cache of one kind (optionally one namespace and selectors) in step with
 * the API server and tells handlers what changed: list, then watch from the list's
 * resourceVersion with bookmarks; re-watch from the last seen version when a watch ends; relist
 * on 410 Gone, inferring deletes; reconnect with capped exponential backoff while the server is
 * unreachable; periodic resync. Runs on its own threads with the blocking client.
 */
public final class Informer<T extends ApiObject> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Informer.class);
  /** Page size of a (re)list. */
  private static final long PAGE = 500;
  /** How long past its requested timeout a silent watch is trusted before we drop it. */
  private static final Duration WATCH_GRACE = Duration.ofSeconds(30);

  private final TypedClient<T> client;
  private final InformerConfig config;
  private final String description;
  private final ObjectCache<T> cache = new ObjectCache<>();
  private final List<EventHandler<T>> handlers = new CopyOnWriteArrayList<>();
  /** Orders cache writes with the notifications they cause. */
  private final Object lock = new Object();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch synced = new CountDownLatch(1);
  private final AtomicLong watchGeneration = new AtomicLong();
  private final InformerMetrics metrics;
  /** Delivers notifications one at a time in order, and runs the resync timer. */
  private final ScheduledExecutorService dispatcher;
  private final Thread reflector;
  private volatile boolean closed;
  private volatile String resourceVersion;
  private volatile WatchStream stream;
  private volatile CompletableFuture<Throwable> streamEnd;
  private volatile long lastEventNanos = System.nanoTime();
  private volatile boolean started;

  public Informer(TypedClient<T> client, InformerConfig config) {
    this(client, config, new SimpleMeterRegistry());
  }

  public Informer(TypedClient<T> client, InformerConfig config, MeterRegistry registry) {
    this.client = Objects.requireNonNull(client, "client");
    this.config = Objects.requireNonNull(config, "config");
    String kind = client.type().kind();
    this.description = kind + (config.namespace() == null ? "" : " in " + config.namespace())
        + (config.labelSelector() == null ? "" : " -l " + config.labelSelector())
        + (config.fieldSelector() == null ? "" : " --field-selector " + config.fieldSelector());
    this.metrics = new InformerMetrics(registry, Tags.of("kind", kind,
        "namespace", config.namespace() == null ? "all" : config.namespace(),
        "selector", selectorTag(config)),
        this::isWatching, this::hasSynced,
        () -> (System.nanoTime() - lastEventNanos) / 1e9, cache::size);
    ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1,
        DaemonThreads.named("informer-dispatch-" + kind));
    ex.setRemoveOnCancelPolicy(true);
    this.dispatcher = ex;
    this.reflector = DaemonThreads.of(this::run, "informer-" + kind);
  }

  private static String selectorTag(InformerConfig c) {
    String s = (c.labelSelector() == null ? "" : c.labelSelector())
        + (c.fieldSelector() == null ? "" : ";" + c.fieldSelector());
    return s.isEmpty() ? "none" : s;
  }


  /** The cache; read it from any thread. */
  public ObjectCache<T> cache() {
    return cache;
  }

  /** Adds a named secondary index (see {@link Indexes}). */
  public Informer<T> addIndex(String name, IndexFunction<T> function) {
    cache.addIndex(name, function);
    return this;
  }

  /**
   * Adds a handler. A handler added after the first list is told about every cached object as
   * an add first, so late handlers miss nothing.
   */
  public Informer<T> addHandler(EventHandler<T> handler) {
    synchronized (lock) {
      handlers.add(handler);
      if (hasSynced()) {
        List<T> existing = cache.list();
        dispatch(() -> existing.forEach(o -> safely(() -> handler.onAdd(o))));
      }
    }
    return this;
  }

  /** Removes a handler (a component sharing this informer stops). */
  public Informer<T> removeHandler(EventHandler<T> handler) {
    synchronized (lock) {
      handlers.remove(handler);
    }
    return this;
  }

  /** Starts listing and watching in the background; returns at once. */
  public synchronized Informer<T> start() {
    if (started) {
      throw new IllegalStateException("informer for " + description + " already started");
    }
    started = true;
    reflector.start();
    long period = config.resyncPeriod().toMillis();
    if (period > 0) {
      dispatcher.scheduleWithFixedDelay(this::resync, period, period, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /** True once the first list has filled the cache. */
  public boolean hasSynced() {
    return synced.getCount() == 0;
  }

  /** Waits up to {@code timeout} for the first list; false when it did not happen in time. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The resourceVersion the cache reflects (advanced by events and bookmarks), or null. */
  public String resourceVersion() {
    return resourceVersion;
  }

  /**
   * Waits until the cache reflects at least {@code resourceVersion} (say, the version of this
   * process's own write), so a reconcile right after a write does not act on a stale cache.
   * False when that did not happen within {@code timeout}.
   */
  public boolean awaitResourceVersion(String resourceVersion, Duration timeout)
      throws InterruptedException {
    long wanted = parseVersion(resourceVersion);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (parseVersion(this.resourceVersion) < wanted) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  private static long parseVersion(String rv) {
    if (rv == null || rv.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("resourceVersion must be a number, got '" + rv + "'");
    }
  }

  /** True while a watch stream is open. */
  public boolean isWatching() {
    WatchStream s = stream;
    return s != null && s.isOpen();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopped.countDown();
    WatchStream s = stream;
    if (s != null) {
      s.close();
    }
    CompletableFuture<Throwable> end = streamEnd;
    if (end != null) {
      end.complete(null);
    }
    dispatcher.shutdownNow();
    metrics.remove();
  }

  // ---- the list/watch loop ----

  private void run() {
    ReconnectBackoff backoff = new ReconnectBackoff(config.minBackoff(), config.maxBackoff());
    boolean needList = true;
    boolean firstList = true;
    while (!closed) {
      Throwable failure;
      long began = System.nanoTime();
      boolean listedThisRound = needList;
      try {
        if (needList) {
          relist(firstList);
          firstList = false;
          needList = false;
          backoff.reset();
        }
        failure = watchUntilEnd();
      } catch (RuntimeException e) {
        failure = e;
      }
      if (closed) {
        break;
      }
      if (failure instanceof ApiError e && e.isGone()) {
        LOG.info("informer {}: resourceVersion {} is too old ({}); relisting", description,
            resourceVersion, e.getMessage());
        needList = true;
        if (listedThisRound) {
          // too old straight after a fresh list: do not spin on list/410, slow down
          pause(backoff.next());
        }
        continue;
      }
      boolean quickEnd = System.nanoTime() - began < TimeUnit.SECONDS.toNanos(1);
      if (failure == null && !quickEnd) {
        backoff.reset(); // a watch ran its course: resume from the last version at once
        continue;
      }
      if (failure != null) {
        metrics.watchFailed();
        LOG.warn("informer {}: {}; retrying", description, describe(failure));
      }
      pause(backoff.next());
    }
    stream = null;
  }

  private static String describe(Throwable t) {
    return t instanceof ApiError ? t.getMessage() : t.toString();
  }

  private void pause(Duration d) {
    try {
      stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Lists everything (paged), replaces the cache and tells handlers the difference. */
  private void relist(boolean first) {
    Map<ObjectKey, T> fresh = new HashMap<>();
    String cont = null;
    String rv;
    do {
      ObjectList page = client.api().list(client.type(), config.namespace(),
          config.listOptions().withLimit(PAGE, cont));
      for (ObjectNode node : page.items()) {
        T o = decodeOrNull(node);
        if (o != null) {
          fresh.put(ObjectKey.of(o), o);
        }
      }
      rv = page.resourceVersion();
      cont = page.continueToken();
    } while (cont != null && !closed);
    if (closed) {
      return; // a partial list must not look like deletes
    }
    synchronized (lock) {
      Map<ObjectKey, T> before = cache.snapshot();
      for (T o : fresh.values()) {
        T old = cache.put(o);
        notifyChange(old, o);
      }
      for (Map.Entry<ObjectKey, T> e : before.entrySet()) {
        if (!fresh.containsKey(e.getKey())) {
          cache.remove(e.getKey());
          T gone = e.getValue();
          tellHandlers(h -> h.onDelete(gone, true));
        }
      }
      resourceVersion = rv;
      lastEventNanos = System.nanoTime();
      // under the lock: a handler added from now on gets catch-up adds, one added before got
      // the notifications above
      synced.countDown();
      lock.notifyAll();
    }
    if (!first) {
      metrics.relisted();
    }
    LOG.debug("informer {}: listed {} objects at resourceVersion {}", description, fresh.size(),
        rv);
  }

  /** Watches from the last seen version until the stream ends; returns why (null: normally). */
  private Throwable watchUntilEnd() {
    long base = config.watchTimeout().toSeconds();
    long seconds = base + ThreadLocalRandom.current().nextLong(base + 1);
    ListOptions options = config.listOptions().withResourceVersion(resourceVersion)
        .withBookmarks(true).withTimeoutSeconds(seconds);
    long generation = watchGeneration.incrementAndGet();
    CompletableFuture<Throwable> end = new CompletableFuture<>();
    streamEnd = end;
    Consumer<WatchEvent> onEvent = e -> onEvent(generation, e);
    WatchStream s = client.api().watch(client.type(), config.namespace(), options, onEvent,
        end::complete);
    stream = s;
    if (closed) {
      s.close();
      return null;
    }
    try {
      return end.get(seconds * 1000 + WATCH_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("informer {}: watch silent past its {}s timeout; reconnecting", description,
          seconds);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
      return null;
    } finally {
      watchGeneration.incrementAndGet(); // late events of this stream are ignored from now on
      s.close();
    }
  }

  private void onEvent(long generation, WatchEvent e) {
    synchronized (lock) {
      if (closed || generation != watchGeneration.get()) {
        return;
      }
      lastEventNanos = System.nanoTime();
      switch (e.type()) {
        case "ADDED", "MODIFIED" -> {
          T o = decodeOrNull(e.object());
          if (o != null) {
            notifyChange(cache.put(o), o);
          }
        }
        case "DELETED" -> {
          T o = decodeOrNull(e.object());
          if (o != null && cache.remove(ObjectKey.of(o)) != null) {
            tellHandlers(h -> h.onDelete(o, false));
          }
        }
        default -> {
          // BOOKMARK: only the version moves
        }
      }
      String rv = e.resourceVersion();
      if (!rv.isEmpty()) {
        resourceVersion = rv;
        lock.notifyAll();
      }
    }
  }

  /** Called under the lock after the cache took {@code now}, replacing {@code old}. */
  private void notifyChange(T old, T now) {
    if (old == null) {
      tellHandlers(h -> h.onAdd(now));
    } else if (!Objects.equals(versionOf(old), versionOf(now))) {
      // same resourceVersion means nothing changed: no notification
      tellHandlers(h -> h.onUpdate(old, now));
    }
  }

  /**
   * Queues a notification for the handlers registered now (called under the lock): a handler
   * added later learns about the cache from its catch-up adds instead, never twice.
   */
  private void tellHandlers(Consumer<EventHandler<T>> call) {
    List<EventHandler<T>> targets = List.copyOf(handlers);
    dispatch(() -> targets.forEach(h -> safely(() -> call.accept(h))));
  }

  private void resync() {
    if (!hasSynced() || closed) {
      return;
    }
    // runs on the dispatch thread itself, so it is ordered with the notifications around it
    for (T o : cache.list()) {
      handlers.forEach(h -> safely(() -> h.onUpdate(o, o)));
    }
  }

  private static String versionOf(ApiObject o) {
    return o.metadata() == null ? null : o.metadata().resourceVersion();
  }

  private T decodeOrNull(ObjectNode node) {
    try {
      return client.decode(node);
    } catch (RuntimeException e) {
      // one undecodable object must not stall the whole informer
      LOG.error("informer {}: skipping an object that does not decode as {}: {}", description,
          client.javaType().getSimpleName(), e.getMessage());
      return null;
    }
  }

  private void dispatch(Runnable r) {
    if (!closed) {
      try {
        dispatcher.execute(r);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  private void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.error("informer {}: a handler failed", description, e);
    }
  }
}
