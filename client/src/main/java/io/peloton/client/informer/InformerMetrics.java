package io.peloton.client.informer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * An informer's health as meters, so a stalled or flapping informer is visible rather than
 * silent: watch up, synced, age of the last event, relists, watch failures, cached objects.
 */
final class InformerMetrics {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private final Counter relists;
  private final Counter watchFailures;

  InformerMetrics(MeterRegistry registry, Tags tags, BooleanSupplier watching,
      BooleanSupplier synced, DoubleSupplier lastEventAgeSeconds, DoubleSupplier objects) {
    this.registry = registry;
    meters.add(Gauge.builder("peloton.informer.watching", () -> watching.getAsBoolean() ? 1 : 0)
        .description("1 while a watch stream is open").tags(tags).register(registry));
    meters.add(Gauge.builder("peloton.informer.synced", () -> synced.getAsBoolean() ? 1 : 0)
        .description("1 once the first list has filled the cache").tags(tags)
        .register(registry));
    meters.add(TimeGauge.builder("peloton.informer.last.event.age", lastEventAgeSeconds::getAsDouble,
        TimeUnit.SECONDS).description("time since the last list or watch event (bookmarks count)")
        .tags(tags).register(registry));
    meters.add(Gauge.builder("peloton.informer.objects", objects::getAsDouble)
        .description("objects in the cache").tags(tags).register(registry));
    relists = Counter.builder("peloton.informer.relists")
        .description("full lists after the first one (410 Gone)").tags(tags).register(registry);
    watchFailures = Counter.builder("peloton.informer.watch.failures")
        .description("watches or lists that failed and were retried with backoff").tags(tags)
        .register(registry);
    meters.add(relists);
    meters.add(watchFailures);
  }

  void relisted() {
    relists.increment();
  }

  void watchFailed() {
    watchFailures.increment();
  }

  void remove() {
    meters.forEach(registry::remove);
  }
}
