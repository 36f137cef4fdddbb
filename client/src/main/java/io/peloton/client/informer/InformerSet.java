package io.peloton.client.informer;

import io.micrometer.core.instrument.MeterRegistry;
import io.peloton.api.ApiObject;
import io.peloton.client.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The informers of one process, one per kind, shared by every component in it: however many
 * components read Tasks, there is one list, one watch and one cache of them. A component takes
 * the informers it needs with {@link #of}, adds its indexes and handlers, then calls
 * {@link #start()}.
 */
public final class InformerSet implements AutoCloseable {
  private final ApiClient api;
  private final InformerConfig config;
  private final MeterRegistry registry;
  private final Map<Class<?>, Informer<?>> byKind = new LinkedHashMap<>();
  private final Set<Informer<?>> running = new HashSet<>();
  private boolean closed;

  public InformerSet(ApiClient api, InformerConfig config, MeterRegistry registry) {
    this.api = api;
    this.config = config;
    this.registry = registry;
  }

  /** The informer of {@code kind}, made on first use (started by {@link #start()}). */
  @SuppressWarnings("unchecked")
  public synchronized <T extends ApiObject> Informer<T> of(Class<T> kind) {
    if (closed) {
      throw new IllegalStateException("informer set closed");
    }
    return (Informer<T>) byKind.computeIfAbsent(kind,
        k -> new Informer<>(api.typed(kind), config, registry));
  }

  /** Starts every informer not yet running; each component calls it once it is set up. */
  public synchronized void start() {
    for (Informer<?> i : byKind.values()) {
      if (running.add(i)) {
        i.start();
      }
    }
  }

  /** Waits for the first list of every informer started so far; false on timeout. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    List<Informer<?>> started;
    synchronized (this) {
      started = new ArrayList<>(running);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Informer<?> i : started) {
      if (!i.awaitSynced(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public synchronized void close() {
    closed = true;
    byKind.values().forEach(Informer::close);
  }
}
