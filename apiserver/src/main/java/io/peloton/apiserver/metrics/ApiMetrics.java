package io.peloton.apiserver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.apiserver.cache.WatchCache;
import java.util.function.DoubleSupplier;

/** The API server's Prometheus metrics: requests, latency, watchers, cache and compaction. */
public final class ApiMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public ApiMetrics(WatchCache cache, DoubleSupplier compactionFailures) {
    Gauge.builder("apiserver_watchers", cache, WatchCache::watchers)
        .description("Open watch streams served from the watch cache").register(registry);
    Gauge.builder("apiserver_watch_cache_revision", cache, WatchCache::revision)
        .description("Store revision the watch cache has applied").register(registry);
    for (ResourceType t : ResourceTypes.ALL) {
      Gauge.builder("apiserver_watch_cache_objects", cache, c -> c.size(t))
          .tag("resource", t.plural()).description("Objects held in the watch cache")
          .register(registry);
    }
    Gauge.builder("apiserver_store_compaction_failures", compactionFailures, DoubleSupplier::getAsDouble)
        .description("Store compactions that failed since start").register(registry);
  }

  /** Records one finished request. */
  public void request(String verb, String resource, int code, long nanos) {
    String res = resource == null ? "" : resource;
    // meters are looked up once per (verb, resource, code), not built per request
    RequestMeters m = meters.computeIfAbsent(verb + ' ' + res + ' ' + code, k ->
        new RequestMeters(
            Counter.builder("apiserver_request").tag("verb", verb).tag("resource", res)
                .tag("code", Integer.toString(code)).register(registry),
            Timer.builder("apiserver_request_duration").tag("verb", verb).tag("resource", res)
                .register(registry)));
    m.count.increment();
    m.duration.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  private record RequestMeters(Counter count, Timer duration) {}

  private final java.util.concurrent.ConcurrentHashMap<String, RequestMeters> meters =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The metrics in Prometheus text format. */
  public String scrape() {
    return registry.scrape();
  }
}
