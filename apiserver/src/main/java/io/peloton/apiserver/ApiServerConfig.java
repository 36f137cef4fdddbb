package io.peloton.apiserver;

import io.peloton.apiserver.http.HttpLimits;
import java.time.Duration;

/**
 * How to run an API server.
 *
 * @param store store URL: {@code sqlite:FILE} or {@code etcd://host:port[,host:port]}
 * @param port 0 picks a free port
 * @param instances HTTP server instances (event loops) sharing the port
 * @param compactionInterval how often store history is compacted (it keeps one interval)
 * @param cacheWindow how many recent changes the watch cache keeps for resuming watches; a
 *     watch from further back is served from the store's history, so this only trades memory
 *     for store reads (an informer resumes within seconds; a window of a few thousand covers it)
 * @param watchTimeout how long a watch runs before the server ends it (the client re-watches);
 *     also the most a client's {@code timeoutSeconds} may ask for
 * @param limits connection limit and idle, header and body timeouts
 */
public record ApiServerConfig(
    String store,
    String host,
    int port,
    int instances,
    Duration bookmarkInterval,
    Duration watchTimeout,
    Duration compactionInterval,
    int cacheWindow,
    HttpLimits limits) {

  public static ApiServerConfig defaults(String store, int port) {
    return new ApiServerConfig(store, "127.0.0.1", port,
        Math.max(1, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(60),
        Duration.ofMinutes(30), Duration.ofMinutes(5), 2_048, HttpLimits.defaults());
  }

  public ApiServerConfig withCompactionInterval(Duration interval) {
    return new ApiServerConfig(store, host, port, instances, bookmarkInterval, watchTimeout,
        interval, cacheWindow, limits);
  }

  public ApiServerConfig withBookmarkInterval(Duration interval) {
    return new ApiServerConfig(store, host, port, instances, interval, watchTimeout,
        compactionInterval, cacheWindow, limits);
  }

  public ApiServerConfig withCacheWindow(int window) {
    return new ApiServerConfig(store, host, port, instances, bookmarkInterval, watchTimeout,
        compactionInterval, window, limits);
  }

  public ApiServerConfig withInstances(int count) {
    return new ApiServerConfig(store, host, port, count, bookmarkInterval, watchTimeout,
        compactionInterval, cacheWindow, limits);
  }

  public ApiServerConfig withHost(String newHost) {
    return new ApiServerConfig(store, newHost, port, instances, bookmarkInterval, watchTimeout,
        compactionInterval, cacheWindow, limits);
  }

  public ApiServerConfig withLimits(HttpLimits newLimits) {
    return new ApiServerConfig(store, host, port, instances, bookmarkInterval, watchTimeout,
        compactionInterval, cacheWindow, newLimits);
  }

  public ApiServerConfig withWatchTimeout(Duration timeout) {
    return new ApiServerConfig(store, host, port, instances, bookmarkInterval, timeout,
        compactionInterval, cacheWindow, limits);
  }
}
