package io.peloton.bench.api;

import com.google.protobuf.ByteString;
import io.peloton.api.codec.Codecs;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.grpc.proto.ObjectRequest;
import io.peloton.apiserver.grpc.proto.ObjectResponse;
import io.peloton.apiserver.grpc.proto.ObjectsGrpcClient;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.WatchEvent;
import io.peloton.apiserver.storage.WatchListener;
import io.peloton.bench.support.InFlight;
import io.peloton.bench.support.JitSettle;
import io.peloton.bench.support.JsonLine;
import io.peloton.bench.support.ScratchDirectory;
import io.peloton.bench.support.Percentiles;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peloton bench api}: API server create throughput, bulk create and watch latency, each
 * against the raw store measured in the same run and the same process.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
    description = "API server throughput and watch latency against the raw store.")
public final class ApiBench implements Callable<Integer> {
  @Option(names = "--store", description = "sqlite:FILE or etcd://HOST:PORT (default: a fresh"
      + " SQLite file in a temporary directory)")
  String store;

  @Option(names = "--count", defaultValue = "30000",
      description = "Measured creates per path (raw, REST, gRPC), split over the rounds.")
  int count;

  @Option(names = "--concurrency", defaultValue = "64", description = "Requests in flight.")
  int concurrency;

  @Option(names = "--warmup", defaultValue = "20000",
      description = "Unmeasured creates per path at least; more until a round of 5,000 over"
          + " every path leaves the JIT compilers quiet.")
  int warmup;

  @Option(names = "--server-instances", defaultValue = "0",
      description = "HTTP server event loops (0: the server's default, one per core).")
  int serverInstances;

  @Option(names = "--rounds", defaultValue = "3",
      description = "Interleaved measured rounds per create path (raw, REST, gRPC take turns).")
  int rounds;

  @Option(names = "--bulk", defaultValue = "10000", description = "Tasks in the bulk create.")
  int bulk;

  @Option(names = "--watch-rate", defaultValue = "500", description = "Writes/s while measuring watch latency.")
  int watchRate;

  @Option(names = "--watch-seconds", defaultValue = "10", description = "Seconds of watch measurement.")
  int watchSeconds;

  @Option(names = "--phases", defaultValue = "raw,rest,grpc,bulk,watch",
      split = ",", description = "Phases to run (for profiling one): raw, rest, grpc, bulk, watch.")
  java.util.Set<String> phases;

  @Override
  public Integer call() throws Exception {
    ScratchDirectory scratch = ScratchDirectory.create("peloton-bench");
    String url = store != null ? store : scratch.sqliteUrl("bench.db");
    String run = UUID.randomUUID().toString().substring(0, 8);
    byte[] value = new byte[1024];
    java.util.Arrays.fill(value, (byte) 'v');
    ApiServerConfig config = ApiServerConfig.defaults(url, 0);
    if (serverInstances > 0) {
      config = config.withInstances(serverInstances);
    }
    try (scratch; ApiServer server = ApiServer.start(config)) {
      clientVertx = Vertx.vertx();
      // two event loops for the load generator, as many as the server has cores
      clientLoops = new io.vertx.core.Context[] {clientVertx.getOrCreateContext(),
          clientVertx.getOrCreateContext()};
      try {
        HttpClient http = clientVertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1").setDefaultPort(server.port()).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(concurrency));
        ObjectsGrpcClient grpc = ObjectsGrpcClient.create(GrpcClient.client(clientVertx,
                new io.vertx.grpc.client.GrpcClientOptions().setMaxMessageSize(ApiServer.MAX_GRPC_MESSAGE)),
            SocketAddress.inetSocketAddress(server.port(), "127.0.0.1"));
        Store raw = server.store();

        String restNs = "bench-rest-" + run;
        String grpcNs = "bench-grpc-" + run;
        List<CreateThroughput.Path> paths = new java.util.ArrayList<>();
        if (phases.contains("raw")) {
          paths.add(new CreateThroughput.Path("raw", i -> raw.create("/bench/" + run + "/raw/" + i,
              value)));
        }
        if (phases.contains("rest")) {
          paths.add(new CreateThroughput.Path("rest", i -> restCreate(http, restNs,
              TaskFixtures.task(restNs, i))));
        }
        if (phases.contains("grpc")) {
          paths.add(new CreateThroughput.Path("grpc", i -> grpcCreate(grpc, grpcNs,
              TaskFixtures.task(grpcNs, i))));
        }
        CreateThroughput.Measured creates = new CreateThroughput(concurrency,
            () -> beforePhase(server)).run(paths, warmup, count, rounds);

        log("bulk create of %d tasks over gRPC...", bulk);
        beforePhase(server);
        double bulkSeconds = !phases.contains("bulk") ? Double.NaN : bulkCreate(grpc, "bench-bulk-" + run, bulk);

        log("raw store watch latency at %d writes/s...", watchRate);
        beforePhase(server);
        Percentiles rawWatch = !phases.contains("watch") ? new Percentiles() : rawWatchLatency(raw, "/bench/" + run + "/watch/", value);

        log("API watch latency at %d writes/s...", watchRate);
        beforePhase(server);
        Percentiles apiWatch = !phases.contains("watch") ? new Percentiles() : apiWatchLatency(server, http, "bench-watch-" + run);

        System.out.println(new JsonLine()
            .put("store", url.startsWith("sqlite:") ? "sqlite" : "etcd")
            .put("raw_create_per_s", creates.path("raw").perSecond())
            .put("api_create_rest_per_s", creates.path("rest").perSecond())
            .put("api_create_grpc_per_s", creates.path("grpc").perSecond())
            .put("bulk_create_10k_s", bulkSeconds * 10_000.0 / bulk)
            .put("raw_watch_p50_ms", rawWatch.percentile(50))
            .put("raw_watch_p99_ms", rawWatch.percentile(99))
            .put("api_watch_p50_ms", apiWatch.percentile(50))
            .put("api_watch_p99_ms", apiWatch.percentile(99))
            .put("count", count).put("concurrency", concurrency)
            .put("rounds", rounds)
            .put("warmup_per_path", creates.warmedPerPath())
            .put("jvm_cpu_us_per_raw_create", creates.path("raw").cpuMicrosPerOperation())
            .put("jvm_cpu_us_per_rest_create", creates.path("rest").cpuMicrosPerOperation())
            .put("jvm_cpu_us_per_grpc_create", creates.path("grpc").cpuMicrosPerOperation())
            .put("compaction", "before each round and phase")
            .put("jit_settle_s", settled));
      } finally {
        clientVertx.close().toCompletionStage().toCompletableFuture().join();
      }
    }
    return 0;
  }

  /** Before each phase: the store compacted and the JIT quiet, so no phase pays for another's. */
  private void beforePhase(ApiServer server) {
    server.compact(InFlight.await(server.store().currentRevision()));
    settled += JitSettle.await(java.time.Duration.ofSeconds(30));
  }

  private double settled;

  /**
   * Runs a client call on the client's own event loop. Vert.x 5.0.7's HTTP/1.1 client was seen
   * to lose a few responses to requests issued from a foreign thread while a streaming response
   * was open; issuing from the loop avoids it.
   */
  private <T> CompletionStage<T> onClientLoop(java.util.function.Supplier<Future<T>> call) {
    CompletableFuture<T> done = new CompletableFuture<>();
    clientLoops[(int) (next.getAndIncrement() % clientLoops.length)].runOnContext(v -> call.get().onComplete((r, t) -> {
      if (t != null) {
        done.completeExceptionally(t);
      } else {
        done.complete(r);
      }
    }));
    return done;
  }

  private io.vertx.core.Context[] clientLoops;
  private final java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();

  private CompletionStage<Integer> restCreate(HttpClient http, String ns, String body) {
    return onClientLoop(() -> restCreateOnLoop(http, ns, body));
  }

  private static Future<Integer> restCreateOnLoop(HttpClient http, String ns, String body) {
    return http.request(HttpMethod.POST, "/apis/peloton.io/v1/namespaces/" + ns + "/tasks")
        .compose(req -> req.putHeader("Content-Type", "application/json").send(body))
        .compose(resp -> resp.body().map(b -> {
          if (resp.statusCode() != 201) {
            throw new IllegalStateException("create returned " + resp.statusCode() + ": " + b);
          }
          return resp.statusCode();
        }));
  }

  private CompletionStage<ObjectResponse> grpcCreate(ObjectsGrpcClient grpc, String ns,
      String body) {
    return onClientLoop(() -> grpc.create(ObjectRequest.newBuilder().setResource("tasks").setNamespace(ns)
            .setObject(ByteString.copyFromUtf8(body)).build())
        .map(r -> {
          if (r.getCode() != 201) {
            throw new IllegalStateException("create returned " + r.getCode() + ": "
                + r.getObject().toStringUtf8());
          }
          return r;
        }));
  }

  private static double bulkCreate(ObjectsGrpcClient grpc, String ns, int n) {
    long start = System.nanoTime();
    var response = InFlight.await(grpc.bulkCreate((stream, err) -> {
      if (err == null) {
        for (int i = 0; i < n; i++) {
          stream.write(ObjectRequest.newBuilder().setResource("tasks").setNamespace(ns)
              .setObject(ByteString.copyFromUtf8(TaskFixtures.task(ns, i))).build());
        }
        stream.end();
      }
    }).toCompletionStage());
    double seconds = (System.nanoTime() - start) / 1e9;
    long created = response.getResultsList().stream().filter(r -> r.getCode() == 201).count();
    if (created != n) {
      throw new IllegalStateException("bulk create made " + created + " of " + n + " tasks: "
          + response.getResults(0).getObject().toStringUtf8());
    }
    return seconds;
  }

  private Percentiles rawWatchLatency(Store raw, String prefix, byte[] value) {
    Map<String, Long> acked = new ConcurrentHashMap<>();
    Map<String, Long> seen = new ConcurrentHashMap<>();
    long from = InFlight.await(raw.currentRevision());
    try (var w = raw.watch(prefix, from, new WatchListener() {
      @Override
      public void onEvents(List<WatchEvent> events) {
        long now = System.nanoTime();
        events.forEach(e -> seen.putIfAbsent(e.key(), now));
      }

      @Override
      public void onError(Throwable error) {
        throw new IllegalStateException(error);
      }
    })) {
      paced(i -> raw.create(prefix + i, value).thenAccept(r ->
          acked.put(prefix + i, System.nanoTime())), acked, seen);
    }
    return latencies(acked, seen);
  }

  private Vertx clientVertx;

  private Percentiles apiWatchLatency(ApiServer server, HttpClient http, String ns) {
    Map<String, Long> acked = new ConcurrentHashMap<>();
    Map<String, Long> seen = new ConcurrentHashMap<>();
    long from = InFlight.await(server.store().currentRevision());
    StringBuilder partial = new StringBuilder();
    // the watch gets a client of its own: a streaming response must not share a pool with
    // the writes whose acknowledgements are being timed
    HttpClient watchClient = clientVertx.createHttpClient(new HttpClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(server.port()).setTcpNoDelay(true));
    var open = watchClient.request(HttpMethod.GET, "/apis/peloton.io/v1/namespaces/" + ns
            + "/tasks?watch=true&resourceVersion=" + from)
        .compose(req -> req.send())
        .onSuccess(resp -> resp.handler(buf -> onWatchChunk(buf, partial, seen)));
    InFlight.await(open.toCompletionStage());
    paced(i -> restCreate(http, ns, TaskFixtures.task(ns, i))
        .thenAccept(code -> acked.put(TaskFixtures.name(i), System.nanoTime())), acked, seen);
    watchClient.close();
    return latencies(acked, seen);
  }

  private static void onWatchChunk(Buffer buf, StringBuilder partial, Map<String, Long> seen) {
    long now = System.nanoTime();
    partial.append(buf.toString(StandardCharsets.UTF_8));
    int nl;
    while ((nl = partial.indexOf("\n")) >= 0) {
      String line = partial.substring(0, nl);
      partial.delete(0, nl + 1);
      try {
        String name = Codecs.json().readTree(line).at("/object/metadata/name").asText();
        seen.putIfAbsent(name, now);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("bad watch line: " + line, e);
      }
    }
  }

  /** Issues writes at the configured rate, then waits until every write was seen. */
  private void paced(IntFunction<CompletionStage<?>> write, Map<String, Long> acked,
      Map<String, Long> seen) {
    int total = watchRate * watchSeconds;
    long interval = 1_000_000_000L / watchRate;
    long start = System.nanoTime();
    CompletableFuture<?>[] all = new CompletableFuture<?>[total];
    // never more in flight than the client's connection pool holds: requests left waiting in
    // the pool's queue are not what is being measured
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(concurrency);
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquireUninterruptibly();
      all[i] = write.apply(i).toCompletableFuture()
          .whenComplete((r, t) -> inFlight.release());
    }
    try {
      CompletableFuture.allOf(all).get(120, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      long done = java.util.Arrays.stream(all).filter(CompletableFuture::isDone).count();
      long failed = java.util.Arrays.stream(all).filter(CompletableFuture::isCompletedExceptionally)
          .count();
      throw new IllegalStateException("writes did not all complete: " + done + " of " + total
          + " done (" + failed + " failed), " + seen.size() + " seen by the watch", e);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (seen.size() < total && System.nanoTime() < deadline) {
      LockSupport.parkNanos(10_000_000L);
    }
    if (seen.size() < total) {
      throw new IllegalStateException("watch saw " + seen.size() + " of " + total + " writes");
    }
  }

  private static Percentiles latencies(Map<String, Long> acked, Map<String, Long> seen) {
    Percentiles p = new Percentiles();
    acked.forEach((k, ack) -> {
      Long at = seen.get(k);
      if (at != null) {
        // an event can beat the acknowledgement to the client: that is zero latency
        p.add(Math.max(0, at - ack) / 1e6);
      }
    });
    return p;
  }

  static void log(String format, Object... args) {
    System.err.println("bench api: " + String.format(format, args));
  }

}
