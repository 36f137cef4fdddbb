package io.peloton.bench.mesos;

import io.peloton.bench.support.HeapProbe;
import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.cluster.ClusterSpec;
import io.peloton.mesos.sim.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peloton bench mesos-sim}: a simulator with many agents; heap after a full GC, time from
 * SUBSCRIBE until offers for every agent arrived, and simulated launches per second through ACCEPT.
 */
@Command(name = "mesos-sim", mixinStandardHelpOptions = true,
    description = "Mesos simulator at scale: heap, time to offers for all agents, launches per second.")
public final class MesosSimBench implements Callable<Integer> {
  @Option(names = "--agents", defaultValue = "50000", description = "Simulated agents (default ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--tasks", defaultValue = "100000", description = "Tasks to launch (default ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--tasks-per-accept", defaultValue = "20", description = "Tasks per ACCEPT (default ${DEFAULT-VALUE}).")
  int tasksPerAccept;

  @Option(names = "--concurrency", defaultValue = "32", description = "ACCEPT calls in flight (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--format", defaultValue = "protobuf", description = "protobuf | json (default ${DEFAULT-VALUE}).")
  String format;

  private final ConcurrentLinkedQueue<Protos.Offer> offers = new ConcurrentLinkedQueue<>();
  private final AtomicLong offerCount = new AtomicLong();
  private final AtomicLong startingCount = new AtomicLong();
  private final AtomicReference<Protos.FrameworkID> frameworkId = new AtomicReference<>();
  private volatile int offersToKeep;
  private final AtomicLong kept = new AtomicLong();

  @Override
  public Integer call() throws Exception {
    if (agents < 1 || tasks < 1 || tasksPerAccept < 1 || concurrency < 1) {
      System.err.println("--agents, --tasks, --tasks-per-accept and --concurrency must be >= 1");
      return 2;
    }
    WireFormat wire = switch (format) {
      case "protobuf" -> WireFormat.PROTOBUF;
      case "json" -> WireFormat.JSON;
      default -> null;
    };
    if (wire == null) {
      System.err.println("--format: must be 'protobuf' or 'json', got '" + format + "'");
      return 2;
    }
    int accepts = (tasks + tasksPerAccept - 1) / tasksPerAccept;
    if (accepts > agents) {
      System.err.println("--tasks / --tasks-per-accept needs " + accepts + " offers but there are only " + agents
          + " agents");
      return 2;
    }
    offersToKeep = accepts;
    SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withExecutor(SimulatorConfig.ExecutorKind.SIMULATED)
        .withCluster(ClusterSpec.generated(agents, 32, 131072, 1_000_000));
    long heapBase = heapAfterGcMb();
    String json;
    try (MesosSimulator sim = MesosSimulator.start(config)) {
      long heapAgents = heapAfterGcMb();
      System.out.printf("simulator with %d agents up on port %d; heap %d MiB (JVM baseline %d MiB)%n",
          agents, sim.port(), heapAgents, heapBase);

      long t0 = System.nanoTime();
      Socket stream = subscribe(sim.port(), wire);
      waitFor(() -> offerCount.get() >= agents, Duration.ofMinutes(2), "offers for every agent");
      double offersSeconds = (System.nanoTime() - t0) / 1e9;
      long heapOffers = heapAfterGcMb();
      System.out.printf("offers for %d agents after %.3f s; heap with agents and outstanding offers %d MiB%n",
          offerCount.get(), offersSeconds, heapOffers);

      // the client gets its own small Vert.x: keep-alive connections, few threads, little CPU per call
      Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      HttpClient http = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
          .setDefaultHost("127.0.0.1").setDefaultPort(sim.port()), new PoolOptions().setHttp1MaxSize(concurrency));
      Semaphore inFlight = new Semaphore(concurrency);
      AtomicLong failures = new AtomicLong();
      String streamId = streamIdHolder.get();
      long t1 = System.nanoTime();
      int launched = 0;
      for (int a = 0; a < accepts; a++) {
        Protos.Offer offer = offers.poll();
        int n = Math.min(tasksPerAccept, tasks - launched);
        Buffer body = Buffer.buffer(wire.encode(accept(offer, n, launched)));
        launched += n;
        inFlight.acquire();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/v1/scheduler")
                .putHeader("Content-Type", wire.mediaType()).putHeader("Mesos-Stream-Id", streamId))
            .compose(req -> req.send(body))
            .onComplete(ar -> {
              if (ar.failed() || ar.result().statusCode() != 202) {
                failures.incrementAndGet();
              }
              inFlight.release();
            });
      }
      final int total = launched;
      waitFor(() -> startingCount.get() >= total || failures.get() > 0, Duration.ofMinutes(5), "TASK_STARTING for every task");
      double launchSeconds = (System.nanoTime() - t1) / 1e9;
      if (failures.get() > 0) {
        System.err.println(failures.get() + " ACCEPT calls failed");
        return 1;
      }
      double launchesPerSecond = total / launchSeconds;
      long heapTasks = heapAfterGcMb();
      System.out.printf("%d tasks launched in %d ACCEPTs (%d per ACCEPT) in %.3f s: %.0f launches/s; heap %d MiB%n",
          total, accepts, tasksPerAccept, launchSeconds, launchesPerSecond, heapTasks);
      stream.close();
      clientVertx.close();
      json = String.format(Locale.ROOT,
          "{\"agents\":%d,\"heap_mb\":%d,\"offers_all_agents_s\":%.3f,\"launches_per_s\":%.0f,"
              + "\"tasks_per_accept\":%d,\"tasks_launched\":%d,\"format\":\"%s\",\"heap_agents_only_mb\":%d,"
              + "\"heap_after_launches_mb\":%d,\"jvm_baseline_heap_mb\":%d}",
          agents, heapOffers, offersSeconds, launchesPerSecond, tasksPerAccept, total, format, heapAgents, heapTasks,
          heapBase);
    }
    // printed after the simulator is closed, so that no log line can follow it
    System.out.println(json);
    return 0;
  }

  private final AtomicReference<String> streamIdHolder = new AtomicReference<>();

  private Call accept(Protos.Offer offer, int n, int firstIndex) {
    Protos.Offer.Operation.Launch.Builder launch = Protos.Offer.Operation.Launch.newBuilder();
    for (int i = 0; i < n; i++) {
      String id = "bench-" + (firstIndex + i);
      launch.addTaskInfos(Protos.TaskInfo.newBuilder().setName(id).setTaskId(Protos.TaskID.newBuilder().setValue(id))
          .setAgentId(offer.getAgentId())
          .addResources(scalar("cpus", 0.01)).addResources(scalar("mem", 1))
          .setCommand(Protos.CommandInfo.newBuilder().setValue("sleep 3600")));
    }
    return Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(frameworkId.get())
        .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
            .addOperations(Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH).setLaunch(launch))
            .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(3600)))
        .build();
  }

  private static Protos.Resource scalar(String name, double v) {
    return Protos.Resource.newBuilder().setName(name).setType(Protos.Value.Type.SCALAR)
        .setScalar(Protos.Value.Scalar.newBuilder().setValue(v)).build();
  }

  /** Opens the SUBSCRIBE stream on a raw socket and decodes chunked RecordIO on a reader thread. */
  private Socket subscribe(int port, WireFormat wire) throws IOException {
    Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
        .setFrameworkInfo(Protos.FrameworkInfo.newBuilder().setUser("bench").setName("mesos-sim-bench")
            .addRoles("bench").addCapabilities(Protos.FrameworkInfo.Capability.newBuilder()
                .setType(Protos.FrameworkInfo.Capability.Type.MULTI_ROLE)))).build();
    byte[] body = wire.encode(call);
    Socket socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /api/v1/scheduler HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + wire.mediaType()
        + "\r\nAccept: " + wire.mediaType() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 1 << 16);
    String status = readLine(in);
    if (!status.contains(" 200 ")) {
      throw new IOException("SUBSCRIBE failed: " + status);
    }
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      if (line.toLowerCase(Locale.ROOT).startsWith("mesos-stream-id:")) {
        streamIdHolder.set(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    Thread reader = new Thread(() -> read(in, wire), "bench-stream-reader");
    reader.setDaemon(true);
    reader.start();
    return socket;
  }

  private void read(InputStream in, WireFormat wire) {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    try {
      while (true) {
        int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
        if (size == 0) {
          return;
        }
        pending.write(in.readNBytes(size));
        readLine(in);
        byte[] buf = pending.toByteArray();
        int pos = 0;
        while (true) {
          int nl = pos;
          while (nl < buf.length && buf[nl] != '\n') {
            nl++;
          }
          if (nl >= buf.length) {
            break;
          }
          int len = Integer.parseInt(new String(buf, pos, nl - pos, StandardCharsets.US_ASCII));
          if (nl + 1 + len > buf.length) {
            break;
          }
          byte[] record = java.util.Arrays.copyOfRange(buf, nl + 1, nl + 1 + len);
          handle(wire == WireFormat.PROTOBUF ? Event.parseFrom(record)
              : io.peloton.mesos.sim.wire.StoutJson.parse(new String(record, StandardCharsets.UTF_8),
                  Event.newBuilder()).build());
          pos = nl + 1 + len;
        }
        pending.reset();
        pending.write(buf, pos, buf.length - pos);
      }
    } catch (IOException | RuntimeException e) {
      // the stream ended
    }
  }

  private void handle(Event e) {
    switch (e.getType()) {
      case SUBSCRIBED -> frameworkId.set(e.getSubscribed().getFrameworkId());
      case OFFERS -> {
        // keep only what the launch phase uses, so the heap figure is the simulator's
        for (Protos.Offer o : e.getOffers().getOffersList()) {
          if (kept.getAndIncrement() < offersToKeep) { // ConcurrentLinkedQueue.size() is O(n)
            offers.add(Protos.Offer.newBuilder().setId(o.getId()).setAgentId(o.getAgentId())
                .setFrameworkId(o.getFrameworkId()).setHostname("").build());
          }
        }
        offerCount.addAndGet(e.getOffers().getOffersCount());
      }
      case UPDATE -> {
        if (e.getUpdate().getStatus().getState() == Protos.TaskState.TASK_STARTING) {
          startingCount.incrementAndGet();
        }
      }
      default -> { }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    if (c == -1) {
      throw new IOException("end of stream");
    }
    return sb.toString();
  }

  private static void waitFor(java.util.function.BooleanSupplier done, Duration limit, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
  }

  private static long heapAfterGcMb() {
    return HeapProbe.usedAfterGc() / (1024 * 1024);
  }
}
