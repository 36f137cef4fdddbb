package io.peloton.apiserver;

import io.peloton.apiserver.cache.WatchCache;
import io.peloton.apiserver.grpc.GrpcObjects;
import io.peloton.apiserver.grpc.proto.ObjectsGrpcService;
import io.peloton.apiserver.http.ConnectionGuard;
import io.peloton.apiserver.metrics.ApiMetrics;
import io.peloton.apiserver.rest.RestApi;
import io.peloton.apiserver.service.ResourceService;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.StoreCompactor;
import io.peloton.apiserver.storage.StoreUrl;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running API server: store, watch cache, service layer, and the REST and gRPC endpoints on
 * one port. Owns its Vert.x instance.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** Largest gRPC message either way: a bulk answer for tens of thousands of objects fits. */
  public static final long MAX_GRPC_MESSAGE = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final Store store;
  private final WatchCache cache;
  private final ResourceService service;
  private final StoreCompactor compactor;
  private final AtomicLong manualCompaction;
  private final int port;
  private final String host;

  private ApiServer(Vertx vertx, Store store, WatchCache cache, ResourceService service,
      StoreCompactor compactor, AtomicLong manualCompaction, String host, int port) {
    this.compactor = compactor;
    this.manualCompaction = manualCompaction;
    this.vertx = vertx;
    this.store = store;
    this.cache = cache;
    this.service = service;
    this.host = host;
    this.port = port;
  }

  /** Starts a server and returns once it is listening and its cache is loaded. */
  public static ApiServer start(ApiServerConfig config) {
    Vertx vertx = Vertx.vertx();
    Store store = null;
    try {
      store = StoreUrl.open(config.store(), vertx);
      WatchCache cache = new WatchCache(store, config.cacheWindow());
      cache.start().get(60, TimeUnit.SECONDS);
      StoreCompactor compactor = new StoreCompactor(store, config.compactionInterval());
      AtomicLong manualCompaction = new AtomicLong();
      ResourceService service = new ResourceService(store, cache, Clock.systemUTC(),
          () -> Math.max(manualCompaction.get(), compactor.compactedRevision()));
      ApiMetrics metrics = new ApiMetrics(cache, compactor::failureCount);
      // every instance must bind the same port, so a random port is chosen up front
      int port = config.port() == 0 ? freePort(config.host()) : config.port();
      AtomicInteger connections = new AtomicInteger();
      vertx.deployVerticle(() -> new HttpVerticle(config, port, service, metrics, cache,
              connections),
              new DeploymentOptions().setInstances(Math.max(1, config.instances())))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      LOG.info("API server listening on http://{}:{} (store {})", config.host(), port,
          config.store());
      compactor.start();
      return new ApiServer(vertx, store, cache, service, compactor, manualCompaction,
          config.host(), port);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(store, vertx);
      throw new IllegalStateException("interrupted while starting", e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      closeQuietly(store, vertx);
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw cause instanceof IllegalArgumentException iae ? iae
          : new IllegalStateException("API server failed to start: " + cause.getMessage(),
              cause);
    }
  }

  private static int freePort(String host) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no free port on " + host, e);
    }
  }

  /** Compacts store history up to {@code revision} now (tests and tools; normally periodic). */
  public void compact(long revision) {
    if (revision <= 0) {
      return; // nothing written yet
    }
    store.compact(revision).join();
    manualCompaction.accumulateAndGet(revision, Math::max);
    cache.trimTo(revision);
  }

  public int port() {
    return port;
  }

  /** Base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return "http://" + h + ":" + port;
  }

  public ResourceService service() {
    return service;
  }

  public Store store() {
    return store;
  }

  public Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() {
    compactor.close();
    cache.close();
    closeQuietly(store, vertx);
  }

  /** Closes the store first: the etcd client runs on this Vert.x and must not outlive it. */
  private static void closeQuietly(Store store, Vertx vertx) {
    if (store != null) {
      try {
        store.close();
      } catch (RuntimeException e) {
        LOG.warn("store did not close cleanly: {}", e.toString());
      }
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
  }

  /** One HTTP server instance; REST and gRPC share its port (gRPC by content type). */
  private static final class HttpVerticle extends VerticleBase {
    private final ApiServerConfig config;
    private final int port;
    private final ResourceService service;
    private final ApiMetrics metrics;
    private final WatchCache cache;
    private final AtomicInteger connections;

    HttpVerticle(ApiServerConfig config, int port, ResourceService service, ApiMetrics metrics,
        WatchCache cache, AtomicInteger connections) {
      this.config = config;
      this.port = port;
      this.service = service;
      this.metrics = metrics;
      this.cache = cache;
      this.connections = connections;
    }

    @Override
    public Future<?> start() {
      Router router = RestApi.router(vertx, service, metrics, config.bookmarkInterval(),
          config.watchTimeout(), cache::ready);
      GrpcServer grpc = GrpcServer.server(vertx,
          new io.vertx.grpc.server.GrpcServerOptions().setMaxMessageSize(MAX_GRPC_MESSAGE));
      grpc.addService(ObjectsGrpcService.of(new GrpcObjects(service)));
      HttpServer server = vertx.createHttpServer(ConnectionGuard.serverOptions(
          new HttpServerOptions().setHost(config.host()).setPort(port).setTcpNoDelay(true)
              .setCompressionSupported(false), config.limits()));
      ConnectionGuard guard = new ConnectionGuard(config.limits(), connections,
          Clock.systemUTC());
      return guard.install(vertx, server, req -> {
        String ct = req.getHeader("Content-Type");
        // gRPC is HTTP/2 only; over HTTP/1 such a body is REST's to refuse (415, a Status)
        if (ct != null && ct.startsWith("application/grpc")
            && req.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
          grpc.handle(req);
        } else {
          router.handle(req);
        }
      }).listen();
    }
  }
}
