package io.peloton.controllers.events;

import io.peloton.api.ApiObject;
import io.peloton.api.event.Event;
import io.peloton.api.event.ObjectReference;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.TypedClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes Events about the objects controllers act on; a failed write is logged, never thrown. */
public final class EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  /** Cluster-scoped objects have no namespace; their events go here, as in Kubernetes. */
  public static final String CLUSTER_EVENT_NAMESPACE = "default";

  private final TypedClient<Event> events;
  private final String component;
  private final String instance;
  private final AtomicLong sequence = new AtomicLong();

  public EventRecorder(ApiClient api, String component, String instance) {
    this.events = api.typed(Event.class);
    this.component = component;
    this.instance = instance;
  }

  public void normal(ApiObject about, String reason, String message) {
    record(about, reason, message, Event.EventType.Normal);
  }

  public void warning(ApiObject about, String reason, String message) {
    record(about, reason, message, Event.EventType.Warning);
  }

  private void record(ApiObject about, String reason, String message, Event.EventType type) {
    ObjectMeta m = about.metadata();
    String namespace = m.namespace() == null ? CLUSTER_EVENT_NAMESPACE : m.namespace();
    // unique without coordination between replicas: time plus a per-process sequence
    String name = m.name() + "." + Long.toHexString(System.currentTimeMillis())
        + Long.toHexString(sequence.incrementAndGet()) + suffix();
    String now = Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.MICROS));
    Event e = new Event(ApiObject.API_VERSION, "Event", ObjectMeta.named(namespace, name),
        new ObjectReference(about.apiVersion(), about.kind(), m.namespace(), m.name(), m.uid(),
            null, null),
        reason, message, type, 1, now, now, new Event.EventSource(component, null), component,
        instance);
    try {
      events.create(e);
    } catch (RuntimeException ex) {
      LOG.warn("could not record event {} on {} {}: {}", reason, about.kind(), m.name(),
          ex.getMessage());
    }
  }

  private String suffix() {
    return instance == null ? "" : "." + instance.toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9-]", "-");
  }
}
