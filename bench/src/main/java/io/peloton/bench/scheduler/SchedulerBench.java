package io.peloton.bench.scheduler;

import io.peloton.bench.support.HeapProbe;
import io.peloton.scheduler.SchedulerConfig;
import io.peloton.scheduler.SchedulingCycle;
import io.peloton.scheduler.SchedulingDecisions;
import io.peloton.scheduler.entitlement.EntitlementCalculator;
import io.peloton.scheduler.entitlement.PoolTree;
import io.peloton.scheduler.entitlement.PoolUsage;
import io.peloton.scheduler.model.ClusterSnapshot;
import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.HostState;
import io.peloton.scheduler.model.Label;
import io.peloton.scheduler.model.PendingTask;
import io.peloton.scheduler.model.PlacementStrategy;
import io.peloton.scheduler.model.PoolResource;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peloton bench scheduler}: in-process scheduling cycles (entitlement, admission, placement,
 * preemption) over a backlog of pending tasks in 1,000 pools (3-level tree) at 1k, 10k and 50k hosts,
 * for identical tasks and for heterogeneous constrained tasks; plus entitlement time for 1,000 pools
 * and retained heap per 100,000 tasks. The last line is one JSON object.
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
    description = "Scheduler placement throughput, entitlement time and heap per 100k tasks; last line is JSON.")
public final class SchedulerBench implements Callable<Integer> {
  @Option(names = "--tasks", description = "pending tasks per run (default ${DEFAULT-VALUE})")
  int tasks = 100_000;

  @Option(names = "--runs", description = "timed cycles per configuration; the median is reported (default ${DEFAULT-VALUE})")
  int runs = 5;

  @Option(names = "--seed", description = "random seed for the generated cluster (default ${DEFAULT-VALUE})")
  long seed = 42;

  @Option(names = "--hosts", split = ",", description = "host counts (default ${DEFAULT-VALUE})")
  int[] hostCounts = {1_000, 10_000, 50_000};

  @Option(names = "--bindings", description = "Task bindings written through the API server (0 skips; default ${DEFAULT-VALUE})")
  int bindings = 100_000;

  @Option(names = "--bind-batch", description = "bindings per taskbindings request (default ${DEFAULT-VALUE})")
  int bindBatch = 500;

  @Option(names = "--bind-concurrency", description = "binding requests in flight (default ${DEFAULT-VALUE})")
  int bindConcurrency = 4;

  @Option(names = "--skip-cycles", description = "measure only the API bindings, not the in-process cycles")
  boolean skipCycles;

  private static final int ZONES = 10;
  /** Goals from performance-anchors.md G2 (no goal is set at 1k hosts). */
  private static final Map<String, Integer> TARGETS = Map.of(
      "identical_10k", 10_000, "identical_50k", 5_000, "constrained_10k", 3_000, "constrained_50k", 1_000);
  private static final int RACKS_PER_ZONE = 20;

  @Override
  public Integer call() {
    if (tasks < 1 || runs < 1) {
      System.err.println("--tasks and --runs must be >= 1");
      return 2;
    }
    if (bindings < 0 || bindBatch < 1 || bindConcurrency < 1) {
      System.err.println("--bindings must be >= 0, --bind-batch and --bind-concurrency >= 1");
      return 2;
    }
    if (skipCycles) {
      hostCounts = new int[0];
    }
    List<PoolSpec> pools = pools();
    List<String> leaves = pools.stream().map(PoolSpec::path).filter(p -> p.chars().filter(c -> c == '/').count() == 3)
        .toList();
    System.out.printf(Locale.ROOT, "scheduler bench: %d pools (%d leaves), %d pending tasks, %d timed cycles each%n",
        pools.size(), leaves.size(), tasks, runs);

    Map<String, Object> rates = new LinkedHashMap<>();
    Map<String, Object> detail = new LinkedHashMap<>();
    Map<String, Object> steady = new LinkedHashMap<>();
    for (String kind : List.of("identical", "constrained")) {
      for (int hosts : hostCounts) {
        String key = kind + "_" + (hosts >= 1000 ? hosts / 1000 + "k" : Integer.toString(hosts));
        ClusterSnapshot snapshot = new ClusterSnapshot(hosts(hosts), pools,
            kind.equals("identical") ? identicalTasks(leaves) : constrainedTasks(leaves), List.of());
        Measurement m = measure(snapshot);
        rates.put(key, Math.round(m.decisionsPerSecond()));
        detail.put(key, m.json());
        if (kind.equals("identical") && hosts >= 10_000) {
          steady.put("steady_" + key.substring("identical_".length()), steadyState(snapshot));
        }
        System.out.printf(Locale.ROOT,
            "%-16s placed %6d/%d, cycle %7.1f ms (index %.1f, entitlement %.2f, admission %.1f, placement %.1f, "
                + "preemption %.1f; %,d host checks) = %,.0f decisions/s (target %,d)%n",
            key, m.placed, tasks, m.totalMs, m.indexMs, m.entitlementMs, m.admissionMs, m.placementMs,
            m.preemptionMs, m.hostsExamined, m.decisionsPerSecond(), TARGETS.getOrDefault(key, 0));
      }
    }
    double entitlementMs = skipCycles ? Double.NaN : entitlementMillis(pools, leaves);
    System.out.printf(Locale.ROOT, "entitlement over %d pools: %.3f ms (median)%n", pools.size(), entitlementMs);
    double heapMb = skipCycles ? Double.NaN : heapMbPer100kTasks(leaves);
    System.out.printf(Locale.ROOT, "retained heap of 100k pending tasks plus one cycle's decisions: %.1f MB%n", heapMb);
    BindingRates binding = bindings == 0 ? null : new BindingBench(bindings, bindBatch, bindConcurrency).run();

    StringBuilder json = new StringBuilder("{\"bench\":\"scheduler\",\"decisions_per_s\":{");
    String sep = "";
    for (Map.Entry<String, Object> e : rates.entrySet()) {
      json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
      sep = ",";
    }
    json.append("},\"entitlement_1000_pools_ms\":").append(fmt(entitlementMs))
        .append(",\"heap_mb_per_100k_tasks\":").append(fmt(heapMb))
        .append(",\"api_bindings_per_s\":").append(binding == null ? "null" : fmt(binding.apiPerSecond()))
        .append(",\"raw_batched_writes_per_s\":").append(binding == null ? "null" : fmt(binding.rawPerSecond()))
        .append(",\"extra\":").append(binding == null ? "null" : binding.json())
        .append(",\"pending_tasks\":").append(tasks).append(",\"pools\":").append(pools.size())
        .append(",\"cycles\":{");
    sep = "";
    for (Map.Entry<String, Object> e : detail.entrySet()) {
      json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
      sep = ",";
    }
    json.append("},\"steady_state_cycle_ms\":{");
    sep = "";
    for (Map.Entry<String, Object> e : steady.entrySet()) {
      json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
      sep = ",";
    }
    json.append("},\"targets\":{");
    sep = "";
    for (String k : List.of("identical_10k", "identical_50k", "constrained_10k", "constrained_50k")) {
      json.append(sep).append('"').append(k).append("\":").append(TARGETS.get(k));
      sep = ",";
    }
    json.append("},\"entitlement_target_ms\":50,\"heap_target_mb\":60");
    json.append(",\"cores\":").append(Runtime.getRuntime().availableProcessors()).append('}');
    System.out.println(json);
    return 0;
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.3f", v);
  }

  /** Timings of the median cycle for one configuration. */
  private record Measurement(int placed, double totalMs, double indexMs, double entitlementMs, double admissionMs,
      double placementMs, double preemptionMs, long hostsExamined) {
    double decisionsPerSecond() {
      return placed / (totalMs / 1000.0);
    }

    String json() {
      return String.format(Locale.ROOT,
          "{\"placed\":%d,\"cycle_ms\":%.1f,\"index_ms\":%.1f,\"entitlement_ms\":%.2f,\"admission_ms\":%.1f,"
              + "\"placement_ms\":%.1f,\"preemption_ms\":%.1f,\"hosts_examined\":%d}",
          placed, totalMs, indexMs, entitlementMs, admissionMs, placementMs, preemptionMs, hostsExamined);
    }
  }

  /** One warm-up cycle, then {@code runs} timed cycles on the same snapshot (a cycle is a pure function). */
  private Measurement measure(ClusterSnapshot snapshot) {
    SchedulingCycle cycle = new SchedulingCycle(SchedulerConfig.defaults());
    cycle.run(snapshot);
    System.gc(); // start the timed cycles without the previous configuration's garbage
    List<Measurement> all = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long start = System.nanoTime();
      SchedulingDecisions d = cycle.run(snapshot);
      long total = System.nanoTime() - start;
      var t = d.timings();
      all.add(new Measurement(d.bindings().size(), total / 1e6, t.indexNanos() / 1e6, t.entitlementNanos() / 1e6,
          t.admissionNanos() / 1e6, t.placementNanos() / 1e6, t.preemptionNanos() / 1e6, t.hostsExamined()));
    }
    all.sort((a, b) -> Double.compare(a.totalMs, b.totalMs));
    return all.get(all.size() / 2);
  }

  /**
   * Cycle latency in steady state: every task of the backlog now bound (running), 1,000 new identical
   * tasks pending; reports the median and worst of 21 cycles.
   */
  private String steadyState(ClusterSnapshot backlog) {
    SchedulingCycle cycle = new SchedulingCycle(SchedulerConfig.defaults());
    SchedulingDecisions placed = cycle.run(backlog);
    Map<String, PendingTask> byId = new java.util.HashMap<>();
    backlog.pending().forEach(t -> byId.put(t.id(), t));
    List<io.peloton.scheduler.model.BoundTask> bound = new ArrayList<>(placed.bindings().size());
    long seq = 0;
    for (var b : placed.bindings()) {
      bound.add(byId.get(b.taskId()).boundTo(b.host(), seq++).asRunning());
    }
    List<PendingTask> fresh = new ArrayList<>();
    List<String> leaves = backlog.pools().stream().map(PoolSpec::path)
        .filter(p -> p.chars().filter(c -> c == '/').count() == 3).toList();
    for (int i = 0; i < 1000; i++) {
      fresh.add(PendingTask.simple("new-" + i, "new-job-" + (i % 50), leaves.get(i % leaves.size()),
          Resources.of(0.5, 1024, 1024, 0), 1_000_000 + i));
    }
    ClusterSnapshot next = new ClusterSnapshot(backlog.hosts(), backlog.pools(), fresh, bound);
    double[] ms = new double[21];
    int bindings = 0;
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      bindings = cycle.run(next).bindings().size();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "steady state at %d hosts: %d bound, 1000 pending -> %d placed; cycle p50 %.1f ms,"
        + " max %.1f ms%n", backlog.hosts().size(), bound.size(), bindings, ms[ms.length / 2], ms[ms.length - 1]);
    return String.format(Locale.ROOT, "{\"bound\":%d,\"pending\":1000,\"placed\":%d,\"p50\":%.1f,\"max\":%.1f}",
        bound.size(), bindings, ms[ms.length / 2], ms[ms.length - 1]);
  }

  /** 10 top pools × 9 middle × 10 leaves = 1,000 pools; no reservations, generous limits. */
  static List<PoolSpec> pools() {
    Map<ResourceKind, PoolResource> r = new EnumMap<>(ResourceKind.class);
    for (ResourceKind k : ResourceKind.values()) {
      r.put(k, PoolResource.elastic(0, 1e12, 1));
    }
    List<PoolSpec> out = new ArrayList<>();
    for (int a = 0; a < 10; a++) {
      out.add(PoolSpec.of("/org" + a, r));
      for (int b = 0; b < 9; b++) {
        out.add(PoolSpec.of("/org" + a + "/team" + b, r));
        for (int c = 0; c < 10; c++) {
          out.add(PoolSpec.of("/org" + a + "/team" + b + "/q" + c, r));
        }
      }
    }
    return out;
  }

  /** 64-cpu hosts with zone and rack attributes; about one host in 53 has 4 GPUs, spread over zones. */
  private List<Host> hosts(int n) {
    List<Host> out = new ArrayList<>(n);
    for (int h = 0; h < n; h++) {
      int zone = h % ZONES;
      int rack = (h / ZONES) % RACKS_PER_ZONE;
      double gpus = h % 53 == 52 ? 4 : 0;
      out.add(new Host("host-" + h, HostState.UP, false, Resources.of(64, 262_144, 1_048_576, gpus), 1000, 0,
          Map.of("zone", "z" + zone, "rack", "z" + zone + "-r" + rack)));
    }
    return out;
  }

  /** The same request everywhere: 0.5 cpu, 1 GB; one job per leaf pool. */
  private List<PendingTask> identicalTasks(List<String> leaves) {
    List<PendingTask> out = new ArrayList<>(tasks);
    Resources r = Resources.of(0.5, 1024, 1024, 0);
    for (int i = 0; i < tasks; i++) {
      String pool = leaves.get(i % leaves.size());
      out.add(PendingTask.simple("t-" + i, "job-" + (i % leaves.size()), pool, r, i));
    }
    return out;
  }

  /**
   * A mix modelled on G2: 20 request sizes, and constraints drawn from zone pins, rack pins, zone OR
   * zone, zone AND not-rack, host limits of 2 tasks per job per host, some SPREAD jobs and a few GPU
   * tasks; about 2,000 distinct equivalence classes.
   */
  private List<PendingTask> constrainedTasks(List<String> leaves) {
    Random rnd = new Random(seed);
    Resources[] sizes = new Resources[20];
    for (int s = 0; s < sizes.length; s++) {
      sizes[s] = Resources.of(0.25 * (1 + s % 4), 256.0 * (1 + s % 5), 512, 0);
    }
    Resources gpuSize = Resources.of(4, 16_384, 1024, 1);
    List<PendingTask> out = new ArrayList<>(tasks);
    int jobs = Math.max(1, tasks / 100);
    for (int i = 0; i < tasks; i++) {
      int job = i % jobs;
      String jobName = "job-" + job;
      String pool = leaves.get(job % leaves.size());
      Label jobLabel = new Label("job", jobName);
      Resources size = sizes[(job * 7 + i) % sizes.length];
      Constraint c;
      PlacementStrategy strategy = PlacementStrategy.PACK;
      List<Label> labels = List.of(jobLabel);
      int pick = job % 10;
      int zone = rnd.nextInt(ZONES);
      switch (pick) {
        case 0, 1, 2 -> c = Constraint.hostLabel("zone", "z" + zone);
        case 3 -> c = Constraint.hostLabel("rack", "z" + zone + "-r" + rnd.nextInt(RACKS_PER_ZONE));
        case 4 -> c = new Constraint.Or(List.of(Constraint.hostLabel("zone", "z" + zone),
            Constraint.hostLabel("zone", "z" + ((zone + 1) % ZONES))));
        case 5 -> c = new Constraint.And(List.of(Constraint.hostLabel("zone", "z" + zone),
            new Constraint.LabelConstraint(Constraint.Kind.HOST, Constraint.Condition.EQUAL,
                new Label("rack", "z" + zone + "-r0"), 0)));
        case 6, 7 -> c = Constraint.hostLimit("job", jobName, 2);
        case 8 -> {
          c = Constraint.hostLabel("zone", "z" + zone);
          strategy = PlacementStrategy.SPREAD;
        }
        default -> c = null;
      }
      if (i % 500 == 0) {
        size = gpuSize;
      }
      out.add(new PendingTask("t-" + i, jobName, pool, size, i % 3 == 0 ? 1 : 0, i % 4, null, i, true, false, false,
          c, labels, null, strategy));
    }
    return out;
  }

  private double entitlementMillis(List<PoolSpec> pools, List<String> leaves) {
    PoolTree tree = PoolTree.of(pools);
    PoolUsage[] usage = new PoolUsage[tree.size()];
    Random rnd = new Random(seed);
    for (String leaf : leaves) {
      PoolUsage u = new PoolUsage();
      u.nonSlackAllocated[0] = rnd.nextInt(500);
      u.demand[0] = rnd.nextInt(500);
      u.nonSlackAllocated[2] = rnd.nextInt(500_000);
      u.demand[2] = rnd.nextInt(500_000);
      u.slackDemand[0] = rnd.nextInt(5);
      usage[tree.indexOf(leaf)] = u;
    }
    Resources capacity = Resources.of(50_000 * 64.0, 50_000 * 262_144.0, 50_000 * 1_048_576.0, 4000);
    EntitlementCalculator calc = new EntitlementCalculator();
    for (int i = 0; i < 50; i++) {
      calc.calculate(tree, usage, capacity, 10_000);
    }
    double[] samples = new double[51];
    for (int i = 0; i < samples.length; i++) {
      long t0 = System.nanoTime();
      calc.calculate(tree, usage, capacity, 10_000);
      samples[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(samples);
    return samples[samples.length / 2];
  }

  private double heapMbPer100kTasks(List<String> leaves) {
    int saved = tasks;
    tasks = 100_000;
    try {
      long before = usedAfterGc();
      List<PendingTask> backlog = constrainedTasks(leaves);
      ClusterSnapshot snapshot = new ClusterSnapshot(hosts(1_000), pools(), backlog, List.of());
      SchedulingDecisions d = new SchedulingCycle(SchedulerConfig.defaults()).run(snapshot);
      long after = usedAfterGc();
      // the snapshot and decisions must stay reachable until after the measurement
      System.out.printf(Locale.ROOT, "heap probe: %d tasks, %d bindings, %d explanations%n",
          snapshot.pending().size(), d.bindings().size(), d.pending().size());
      return (after - before) / (1024.0 * 1024.0);
    } finally {
      tasks = saved;
    }
  }

  private static long usedAfterGc() {
    return HeapProbe.usedAfterGc();
  }

  /** Binding throughput through the API server and the raw-store baseline of the same run. */
  record BindingRates(double apiPerSecond, double rawPerSecond, int count, int batch, int concurrency,
      int valueBytes, String note) {
    String json() {
      return String.format(Locale.ROOT,
          "{\"bindings\":%d,\"batch\":%d,\"requests_in_flight\":%d,\"value_bytes\":%d,\"ratio\":%s,"
              + "\"api_method\":\"ApiClient.bindTasks (POST taskbindings, resourceVersion-checked), batches of %d, "
              + "%d requests in flight, REST over loopback, SQLite store\","
              + "\"raw_method\":\"Store.update(key, value, expectedRevision) on %d pre-created keys, each "
              + "value a bound Task as the API stored it, %d in flight, same store and process\",\"note\":%s}",
          count, batch, concurrency, valueBytes, Double.isNaN(apiPerSecond) ? "null" : fmt(apiPerSecond / rawPerSecond),
          batch, concurrency, count, RAW_IN_FLIGHT, note == null ? "null" : "\"" + note.replace("\"", "'") + "\"");
    }
  }

  /** Updates kept in flight against the raw store: enough to keep SQLite's writer busy. */
  static final int RAW_IN_FLIGHT = 256;

  /**
   * Creates {@code count} pending Tasks in an in-process API server over SQLite, binds them all with
   * {@code bindTasks} batches, then writes the same number of updates straight to the server's store.
   */
  static final class BindingBench {
    private final int count;
    private final int batch;
    private final int concurrency;

    BindingBench(int count, int batch, int concurrency) {
      this.count = count;
      this.batch = batch;
      this.concurrency = concurrency;
    }

    BindingRates run() {
      try (io.peloton.bench.support.ScratchDirectory dir =
               io.peloton.bench.support.ScratchDirectory.create("peloton-bench-bind");
           io.peloton.apiserver.ApiServer server = io.peloton.apiserver.ApiServer.start(
               io.peloton.apiserver.ApiServerConfig.defaults(dir.sqliteUrl("store.db"), 0))) {
        io.peloton.client.ApiClient api = new io.peloton.client.ApiClient(server.url(), null,
            java.time.Duration.ofMinutes(2));
        String ns = "bench-bind";
        // a warm-up round of each path first, so neither is timed while the JIT is still compiling
        // it (measured: after 20,000 bindings C2 still took a fifth of the CPU of the timed run)
        int warm = Math.max(batch, count / 2);
        int total = warm + count;
        List<String> names = new ArrayList<>(total);
        List<String> versions = new ArrayList<>(total);
        for (int from = 0; from < total; from += 1000) {
          List<com.fasterxml.jackson.databind.node.ObjectNode> items = new ArrayList<>();
          for (int i = from; i < Math.min(total, from + 1000); i++) {
            items.add(task(ns, i));
          }
          for (var r : api.createAll(io.peloton.api.ResourceTypes.TASK, ns, items)) {
            if ("Status".equals(r.path("kind").asText())) {
              throw new IllegalStateException("could not create a bench task: " + r.path("message").asText());
            }
            names.add(r.path("metadata").path("name").asText());
            versions.add(r.path("metadata").path("resourceVersion").asText());
          }
        }
        System.out.printf(Locale.ROOT, "bindings: %d pending tasks created (+%d for warm-up); binding in batches of %d,"
            + " %d in flight...%n", count, warm, batch, concurrency);
        double apiRate = Double.NaN;
        String note = null;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(concurrency);
        java.util.concurrent.atomic.AtomicInteger bound = new java.util.concurrent.atomic.AtomicInteger();
        try {
          bindRange(api, ns, names, versions, 0, warm, pool, new java.util.concurrent.atomic.AtomicInteger());
          double settled = io.peloton.bench.support.JitSettle.await(java.time.Duration.ofSeconds(30));
          System.out.printf(Locale.ROOT, "bindings: %d bound to warm up, JIT quiet after %.1f s; measuring %d...%n",
              warm, settled, count);
          apiRate = bindRange(api, ns, names, versions, warm, total, pool, bound);
        } catch (IllegalStateException e) {
          note = "bindings failed: " + rootMessage(e);
          System.out.println("bindings: " + note);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        } finally {
          pool.shutdownNow();
        }
        if (note == null) {
          System.out.printf(Locale.ROOT, "bindings: %d bound through the API at %,.0f bindings/s%n", bound.get(),
              apiRate);
        }
        io.peloton.apiserver.storage.Store store = server.store();
        // the raw writes carry the very bytes the API stored for a bound Task
        byte[] sample = io.peloton.bench.support.InFlight.await(store.get(
            io.peloton.api.ResourceTypes.TASK.key(ns, names.get(total - 1)))).value();
        List<io.peloton.apiserver.storage.KeyValue.Write> writes = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
          writes.add(new io.peloton.apiserver.storage.KeyValue.Write("/bench/bindings/raw/" + i, sample));
        }
        long[] revisions = new long[total];
        for (int from = 0; from < total; from += 1000) {
          var created = io.peloton.bench.support.InFlight.await(
              store.createAll(writes.subList(from, Math.min(total, from + 1000))));
          for (int j = 0; j < created.size(); j++) {
            revisions[from + j] = created.get(j).revision();
          }
        }
        final byte[] value = sample;
        double rawRate;
        try {
          io.peloton.bench.support.InFlight.run(warm, RAW_IN_FLIGHT,
              i -> store.update("/bench/bindings/raw/" + i, value, revisions[i]));
          io.peloton.bench.support.JitSettle.await(java.time.Duration.ofSeconds(30));
          rawRate = io.peloton.bench.support.InFlight.run(count, RAW_IN_FLIGHT,
              i -> store.update("/bench/bindings/raw/" + (warm + i), value, revisions[warm + i]));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        System.out.printf(Locale.ROOT, "raw store: %d updates at %,.0f writes/s (%d in flight); ratio %.2f%n", count,
            rawRate, RAW_IN_FLIGHT, apiRate / rawRate);
        return new BindingRates(apiRate, rawRate, count, batch, concurrency, value.length, note);
      }
    }

    /** Binds tasks {@code from..to} in batches with {@code concurrency} requests in flight; bindings per second. */
    private double bindRange(io.peloton.client.ApiClient api, String ns, List<String> names, List<String> versions,
        int from, int to, java.util.concurrent.ExecutorService pool, java.util.concurrent.atomic.AtomicInteger bound)
        throws InterruptedException {
      int n = to - from;
      int batches = (n + batch - 1) / batch;
      return io.peloton.bench.support.InFlight.run(batches, concurrency,
          b -> java.util.concurrent.CompletableFuture.runAsync(() -> {
            List<io.peloton.client.TaskBinding> req = new ArrayList<>(batch);
            for (int i = from + b * batch; i < Math.min(to, from + (b + 1) * batch); i++) {
              req.add(new io.peloton.client.TaskBinding(names.get(i), "host-" + (i % 1000), versions.get(i)));
            }
            for (var r : api.bindTasks(ns, req)) {
              if ("Status".equals(r.path("kind").asText())) {
                throw new IllegalStateException("binding refused: " + r.path("message").asText());
              }
              bound.incrementAndGet();
            }
          }, pool)) * ((double) n / batches);
    }

    private static String rootMessage(Throwable t) {
      while (t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      return t.getMessage();
    }

    /** A job's instance numbers stop below this (admission); longer runs spread over several jobs. */
    private static final int MAX_INSTANCES = 100_000;

    private static com.fasterxml.jackson.databind.node.ObjectNode task(String ns, int i) {
      var codec = io.peloton.api.codec.Codecs.json();
      var t = codec.createObjectNode();
      t.put("apiVersion", "peloton.io/v1").put("kind", "Task");
      String job = i < MAX_INSTANCES ? "bind" : "bind" + i / MAX_INSTANCES;
      int instance = i % MAX_INSTANCES;
      t.putObject("metadata").put("name", job + "-" + instance).put("namespace", ns).putObject("labels")
          .put("peloton.io/job", job).put("peloton.io/instance", Integer.toString(instance));
      var spec = t.putObject("spec");
      spec.put("job", job).put("instance", instance).put("runId", 1).put("goalState", "RUNNING")
          .put("respool", "/bench").put("priority", 0).put("preemptible", true);
      var config = spec.putObject("config");
      config.putObject("resource").put("cpuLimit", 0.5).put("memLimitMb", 1024).put("diskLimitMb", 1024);
      config.putObject("command").put("value", "sleep 10");
      return t;
    }
  }
}
