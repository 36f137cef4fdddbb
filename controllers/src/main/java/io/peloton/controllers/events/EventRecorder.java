package io.peloton.controllers.events;

import io.peloton.api.ApiObject;
import io.peloton.api.event.Event;
import io.peloton.api.event.ObjectReference;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.TypedClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Events about the objects controllers act on, Kubernetes' EventCorrelator way: a repeat
 * (same object, reason, type, component and message) is counted on one Event ({@code count},
 * {@code lastTimestamp}) whose name comes from that key, so a restarted recorder continues the
 * count; after {@link #MAX_SIMILAR} different messages about one object and reason within
 * {@link #SIMILAR_WINDOW}, the rest are counted on one Event "(combined from similar events)"
 * with the latest message. The first occurrence is written at once; repeats
 * within {@link #FLUSH_INTERVAL} of the last write are folded into the next one, so a burst
 * (a job of 100,000 tasks stopping) costs one write a second, not one per task. Best effort: a
 * failed write is logged, never thrown (the objects' conditions are the record).
 */
public final class EventRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  /** Cluster-scoped objects have no namespace; their events go here, as in Kubernetes. */
  public static final String CLUSTER_EVENT_NAMESPACE = "default";
  /** Repeats closer than this to the previous write wait for the next flush. */
  static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);
  /** A key quiet this long is forgotten here (its Event stays until the API server expires it). */
  static final Duration FORGET_AFTER = Duration.ofMinutes(10);
  private static final int MAX_ATTEMPTS = 5;
  /** Kubernetes' numbers: 10 different messages within 10 minutes, then they are combined. */
  static final int MAX_SIMILAR = 10;
  static final Duration SIMILAR_WINDOW = Duration.ofMinutes(10);
  static final String COMBINED = "(combined from similar events): ";

  private final TypedClient<Event> events;
  private final String component;
  private final String instance;
  private final Clock clock;
  private final ScheduledExecutorService flusher;
  // guarded by this
  private final Map<EventKey, Tally> tallies = new HashMap<>();
  // guarded by this: the messages seen per key without message, since the window started
  private final Map<EventKey, Similar> similar = new HashMap<>();

  /** Different messages about one object and reason in the current window. */
  private static final class Similar {
    Instant since;
    final java.util.Set<String> messages = new java.util.HashSet<>();
  }

  /** Occurrences of one key: what the server holds, and what it has not heard yet. */
  private static final class Tally {
    Event written;
    int pending;
    /** The first of the pending occurrences. */
    Instant first;
    Instant last;
    String message;
    Instant lastWrite;
    boolean writing;
  }

  public EventRecorder(ApiClient api, String component, String instance) {
    this(api, component, instance, Clock.systemUTC(), true);
  }

  /** With {@code background} false nothing is flushed unless {@link #flush()} is called. */
  EventRecorder(ApiClient api, String component, String instance, Clock clock,
      boolean background) {
    this.events = api.typed(Event.class);
    this.component = component;
    this.instance = instance;
    this.clock = clock;
    this.flusher = background ? Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "event-recorder-" + component);
      thread.setDaemon(true);
      return thread;
    }) : null;
    if (flusher != null) {
      long millis = FLUSH_INTERVAL.toMillis();
      flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  public void normal(ApiObject about, String reason, String message) {
    record(referenceTo(about), reason, message, Event.EventType.Normal);
  }

  public void warning(ApiObject about, String reason, String message) {
    record(referenceTo(about), reason, message, Event.EventType.Warning);
  }

  /** An Event about an object known only by reference (say, the owner of an orphan). */
  public void normal(ObjectReference about, String reason, String message) {
    record(about, reason, message, Event.EventType.Normal);
  }

  /** How an Event points at {@code object}. */
  public static ObjectReference referenceTo(ApiObject object) {
    ObjectMeta m = object.metadata();
    return new ObjectReference(object.apiVersion(), object.kind(), m.namespace(), m.name(),
        m.uid(), null, null);
  }

  private void record(ObjectReference about, String reason, String message,
      Event.EventType type) {
    String namespace = about.namespace() == null ? CLUSTER_EVENT_NAMESPACE : about.namespace();
    EventKey combined = new EventKey(namespace, about, reason, type, component, null);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Tally tally;
    EventKey key;
    synchronized (this) {
      Similar seen = similar.computeIfAbsent(combined, k -> new Similar());
      if (seen.since == null || !now.isBefore(seen.since.plus(SIMILAR_WINDOW))) {
        seen.since = now;
        seen.messages.clear();
      }
      if (seen.messages.contains(message) || seen.messages.size() < MAX_SIMILAR) {
        seen.messages.add(message);
        key = combined.withMessage(message);
      } else {
        key = combined;
        message = COMBINED + message;
      }
      tally = tallies.computeIfAbsent(key, k -> new Tally());
      if (tally.pending++ == 0) {
        tally.first = now; // a new Event starts here; an existing one keeps its own
      }
      tally.last = now;
      tally.message = message;
      if (tally.writing || tally.lastWrite != null
          && now.isBefore(tally.lastWrite.plus(FLUSH_INTERVAL))) {
        return; // the next flush writes it
      }
      tally.writing = true;
    }
    write(key, tally);
  }

  /** Writes every key with occurrences the server has not heard of; returns how many. */
  public int flush() {
    Instant now = clock.instant();
    List<Map.Entry<EventKey, Tally>> due = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Map.Entry<EventKey, Tally>> it = tallies.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<EventKey, Tally> e = it.next();
        Tally t = e.getValue();
        if (t.writing) {
          continue;
        }
        if (t.pending > 0) {
          t.writing = true;
          due.add(e);
        } else if (t.last.plus(FORGET_AFTER).isBefore(now)) {
          it.remove();
        }
      }
      similar.values().removeIf(v -> v.since.plus(FORGET_AFTER).isBefore(now));
    }
    due.forEach(e -> write(e.getKey(), e.getValue()));
    return due.size();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("event flush failed: {}", e.toString());
    }
  }

  private void write(EventKey key, Tally tally) {
    Event known;
    int pending;
    Instant first;
    Instant last;
    String message;
    synchronized (this) {
      known = tally.written;
      pending = tally.pending;
      tally.pending = 0;
      first = tally.first;
      last = tally.last;
      message = tally.message;
    }
    Event written = null;
    try {
      written = upsert(key, known, pending, first, last, message);
    } catch (RuntimeException e) {
      LOG.warn("could not record event {} on {} {}: {}", key.reason(), key.involved().kind(),
          key.involved().name(), e.getMessage());
    }
    synchronized (this) {
      tally.written = written;
      tally.lastWrite = clock.instant();
      tally.writing = false;
    }
  }

  /** Creates the key's Event, or adds {@code pending} to the one there (a restart's, a peer's). */
  private Event upsert(EventKey key, Event known, int pending, Instant first, Instant last,
      String message) {
    Event current = known;
    for (int attempt = 0; ; attempt++) {
      try {
        if (current == null) {
          return events.create(event(key, ObjectMeta.named(key.namespace(), key.eventName()),
              pending, Rfc3339.format(first), last, message));
        }
        int count = (current.count() == null ? 1 : current.count()) + pending;
        String firstSeen = current.firstTimestamp() != null ? current.firstTimestamp()
            : Rfc3339.format(first);
        return events.update(event(key, current.metadata(), count, firstSeen, last, message));
      } catch (ApiError e) {
        if (attempt + 1 >= MAX_ATTEMPTS || !(e.isAlreadyExists() || e.isConflict()
            || e.isNotFound())) {
          throw e;
        }
        // created by a restarted recorder or a peer, updated meanwhile, or expired: look again
        current = e.isNotFound() ? null : find(key);
      }
    }
  }

  private Event find(EventKey key) {
    try {
      return events.get(key.namespace(), key.eventName());
    } catch (ApiError e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
  }

  private Event event(EventKey key, ObjectMeta meta, int count, String first, Instant last,
      String message) {
    return new Event(ApiObject.API_VERSION, "Event", meta, key.involved(), key.reason(),
        message, key.type(), count, first, Rfc3339.format(last),
        new Event.EventSource(component, null), component, instance);
  }

  /** Writes what is pending and stops the background flushes. */
  @Override
  public void close() {
    if (flusher != null) {
      flusher.shutdownNow();
    }
    flushQuietly();
  }
}
