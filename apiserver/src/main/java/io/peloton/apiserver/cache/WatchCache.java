package io.peloton.apiserver.cache;

import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.apiserver.storage.KeyValue;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.Watch;
import io.peloton.apiserver.storage.WatchEvent;
import io.peloton.apiserver.storage.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every object of every kind in memory, fed by ONE store watch, plus a window of recent changes:
 * lists and any number of watchers are served from here at the cost of that single watch.
 */
public final class WatchCache implements AutoCloseable {
  static final String ROOT = "/registry/";
  private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
  private static final int LOAD_PAGE = 1000;

  private final Store store;
  private final int windowCapacity;
  private final Object lock = new Object();
  private final Map<ResourceType, ObjectTable> objects = new HashMap<>();
  private final Map<ResourceType, JsonPacker> packers = new HashMap<>();
  private final ArrayDeque<Change> window = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final PriorityQueue<RevisionWaiter> waiters =
      new PriorityQueue<>((a, b) -> Long.compare(a.revision, b.revision));
  private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "watch-cache-retry");
    t.setDaemon(true);
    return t;
  });
  private volatile long revision;
  private long windowStart;
  private volatile boolean ready;
  private volatile boolean closed;
  private Watch storeWatch;

  public WatchCache(Store store, int windowCapacity) {
    this.store = store;
    this.windowCapacity = windowCapacity;
    for (ResourceType t : ResourceTypes.ALL) {
      objects.put(t, new ObjectTable());
      packers.put(t, new JsonPacker());
    }
  }

  /** Loads every object and starts the store watch; completes when the cache is usable. */
  public CompletableFuture<Void> start() {
    return store.currentRevision().thenCompose(rev -> loadPages(Math.max(rev, 0), null,
        new ArrayList<>())).thenAccept(snapshot -> {
          List<CachedObject> loaded = new ArrayList<>(snapshot.items.size());
          for (KeyValue kv : snapshot.items) {
            ResourceType type = typeOf(kv.key());
            if (type != null) {
              loaded.add(keep(CachedObject.decode(type, kv.key(), kv.value(), kv.modRevision())));
            }
          }
          synchronized (lock) {
            objects.values().forEach(ObjectTable::clear);
            for (CachedObject o : loaded) {
              objects.get(o.type()).put(o);
            }
            window.clear();
            revision = snapshot.revision;
            windowStart = snapshot.revision;
            storeWatch = store.watch(ROOT, snapshot.revision, new Listener());
            ready = true;
            completeWaiters();
          }
          LOG.info("watch cache loaded {} objects at revision {}", snapshot.items.size(),
              snapshot.revision);
        });
  }

  /**
   * Reads everything in pages at one revision: a single huge range would exceed message limits
   * (etcd's gRPC answers are capped) and hold the store for long.
   */
  private CompletableFuture<Loaded> loadPages(long atRevision, String after, List<KeyValue> acc) {
    return store.list(ROOT, atRevision, after, LOAD_PAGE).thenCompose(page -> {
      acc.addAll(page.items());
      long rev = atRevision == 0 ? page.revision() : atRevision;
      if (page.more() && !page.items().isEmpty()) {
        return loadPages(rev, page.items().get(page.items().size() - 1).key(), acc);
      }
      return CompletableFuture.completedFuture(new Loaded(acc, rev));
    });
  }

  private record Loaded(List<KeyValue> items, long revision) {}

  public boolean ready() {
    return ready;
  }

  /** The revision of the last change applied. */
  public long revision() {
    return revision;
  }

  /**
   * The revision every subscriber has been handed all changes up to (read under the lock, so
   * no delivery is half done).
   */
  public long deliveredRevision() {
    synchronized (lock) {
      return revision;
    }
  }

  /** Completes once every change up to {@code rev} has been applied. */
  public CompletableFuture<Void> awaitRevision(long rev) {
    synchronized (lock) {
      if (ready && revision >= rev) {
        return CompletableFuture.completedFuture(null);
      }
      RevisionWaiter w = new RevisionWaiter(rev, new CompletableFuture<>());
      waiters.add(w);
      return w.future;
    }
  }

  /** Objects matching the filter, in key order, with the revision they are current at. */
  public Snapshot list(WatchFilter filter) {
    synchronized (lock) {
      String prefix = filter.namespace() != null && filter.type().namespaced()
          ? filter.type().namespacePrefix(filter.namespace()) : null;
      return new Snapshot(objects.get(filter.type()).matching(prefix, filter::matches),
          revision);
    }
  }

  /**
   * Forgets changes at or before a compacted revision, so a watch from before it is refused
   * (410) just as the store would refuse it.
   */
  public void trimTo(long compactedRevision) {
    synchronized (lock) {
      while (!window.isEmpty() && window.peekFirst().revision <= compactedRevision) {
        window.removeFirst();
      }
      windowStart = Math.max(windowStart, compactedRevision);
    }
  }

  /** One cached object, or null. */
  public CachedObject get(ResourceType type, String key) {
    synchronized (lock) {
      return objects.get(type).get(key);
    }
  }

  /** How many objects of a kind are cached. */
  public int size(ResourceType type) {
    synchronized (lock) {
      return objects.get(type).size();
    }
  }

  /**
   * Starts delivering changes matching the filter to the sink, in order, from just after
   * {@code afterRevision}; with {@code afterRevision < 0}, first every current object as ADDED.
   * Returns null when the window no longer holds changes that old (the caller must go to the
   * store). The sink is called under the cache's lock: it must only enqueue.
   */
  public Subscription subscribe(WatchFilter filter, long afterRevision,
      Consumer<List<CacheEvent>> sink, Consumer<String> onClose) {
    synchronized (lock) {
      if (!ready || (afterRevision >= 0 && afterRevision < windowStart)) {
        return null;
      }
      List<CacheEvent> initial = new ArrayList<>();
      if (afterRevision < 0) {
        for (CachedObject o : list(filter).items()) {
          initial.add(new CacheEvent(CacheEvent.ADDED, o));
        }
      } else {
        for (Change c : window) {
          if (c.revision > afterRevision) {
            String t = filter.classify(c.before, c.after, c.deleted);
            if (t != null) {
              initial.add(new CacheEvent(t, c.after));
            }
          }
        }
      }
      Subscription s = new Subscription(filter, sink, onClose);
      subscriptions.add(s);
      if (!initial.isEmpty()) {
        sink.accept(initial);
      }
      return s;
    }
  }

  /** The form an object is kept in: packed, as it may stay for long. */
  private CachedObject keep(CachedObject o) {
    return o.packed(packers.get(o.type()));
  }

  private void apply(List<WatchEvent> events) {
    // decoded and packed before taking the lock, which every reader and writer waits for; the
    // plain JSON is kept for this first delivery only (index i: events.get(i), null if no kind)
    CachedObject[] kept = new CachedObject[events.size()];
    byte[][] plainJson = new byte[events.size()][];
    for (int i = 0; i < events.size(); i++) {
      WatchEvent e = events.get(i);
      ResourceType type = typeOf(e.key());
      if (type != null) {
        CachedObject plain = CachedObject.decode(type, e.key(), e.value(), e.revision());
        kept[i] = keep(plain);
        plainJson[i] = plain.json();
      }
    }
    synchronized (lock) {
      List<Change> changes = new ArrayList<>(events.size());
      List<byte[]> served = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        WatchEvent e = events.get(i);
        if (e.revision() < revision) {
          continue; // already applied (the watch may replay after a reconnect)
        }
        // equal revisions are normal: etcd gives every key of one transaction its revision
        revision = e.revision();
        if (kept[i] == null) {
          continue; // not a kind we serve
        }
        ObjectTable table = objects.get(kept[i].type());
        Change c = e.type() == WatchEvent.Type.DELETE
            ? new Change(table.remove(e.key()), kept[i], true, e.revision())
            : new Change(table.put(kept[i]), kept[i], false, e.revision());
        changes.add(c);
        served.add(plainJson[i]);
        window.addLast(c);
        if (window.size() > windowCapacity) {
          windowStart = window.removeFirst().revision;
        }
      }
      for (Subscription s : subscriptions) {
        List<CacheEvent> out = null;
        for (int i = 0; i < changes.size(); i++) {
          Change c = changes.get(i);
          String t = s.filter.classify(c.before, c.after, c.deleted);
          if (t != null) {
            if (out == null) {
              out = new ArrayList<>();
            }
            out.add(new CacheEvent(t, c.after, served.get(i)));
          }
        }
        if (out != null) {
          s.sink.accept(out);
        }
      }
      completeWaiters();
    }
  }

  private void progress(long rev) {
    synchronized (lock) {
      if (rev > revision) {
        revision = rev;
        completeWaiters();
      }
    }
  }

  private void completeWaiters() {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    while (!waiters.isEmpty() && waiters.peek().revision <= revision) {
      done.add(waiters.poll().future);
    }
    // completed outside the loop so a continuation cannot re-enter while we iterate
    done.forEach(f -> f.complete(null));
  }

  private void restart(Throwable cause) {
    if (closed) {
      return;
    }
    LOG.warn("watch cache lost its store watch ({}); reloading", cause.toString());
    synchronized (lock) {
      ready = false;
      if (storeWatch != null) {
        storeWatch.close();
      }
      // watchers could miss changes across the reload: end them so clients resume from their RV
      for (Subscription s : subscriptions) {
        s.onClose.accept("watch cache reloading");
      }
      subscriptions.clear();
    }
    retry.schedule(() -> start().exceptionally(t -> {
      restart(t);
      return null;
    }), 1, TimeUnit.SECONDS);
  }

  static ResourceType typeOf(String key) {
    // /registry/peloton.io/<plural>/...
    int groupEnd = key.indexOf('/', ROOT.length());
    if (groupEnd < 0) {
      return null;
    }
    int pluralEnd = key.indexOf('/', groupEnd + 1);
    if (pluralEnd < 0) {
      return null;
    }
    return ResourceTypes.byPlural(key.substring(groupEnd + 1, pluralEnd)).orElse(null);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      if (storeWatch != null) {
        storeWatch.close();
      }
      for (Subscription s : subscriptions) {
        s.onClose.accept("server shutting down");
      }
      subscriptions.clear();
    }
    retry.shutdownNow();
  }

  /** Objects and the revision they are current at. */
  public record Snapshot(List<CachedObject> items, long revision) {}

  private record Change(CachedObject before, CachedObject after, boolean deleted, long revision) {}

  private record RevisionWaiter(long revision, CompletableFuture<Void> future) {}

  /** A registered watcher; cancel it to stop delivery. */
  public final class Subscription {
    private final WatchFilter filter;
    private final Consumer<List<CacheEvent>> sink;
    private final Consumer<String> onClose;

    private Subscription(WatchFilter filter, Consumer<List<CacheEvent>> sink,
        Consumer<String> onClose) {
      this.filter = filter;
      this.sink = sink;
      this.onClose = onClose;
    }

    public void cancel() {
      subscriptions.remove(this);
    }
  }

  private final class Listener implements WatchListener {
    @Override
    public void onEvents(List<WatchEvent> events) {
      apply(events);
    }

    @Override
    public void onProgress(long rev) {
      progress(rev);
    }

    @Override
    public void onError(Throwable error) {
      restart(error);
    }
  }

  /** Number of live watchers, for metrics. */
  public int watchers() {
    return subscriptions.size();
  }
}
