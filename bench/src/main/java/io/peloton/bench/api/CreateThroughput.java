package io.peloton.bench.api;

import io.peloton.bench.support.InFlight;
import io.peloton.bench.support.JitSettle;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

/**
 * Create throughput of several paths (raw store, REST, gRPC) warmed together until the JIT is
 * steady, then measured in interleaved rounds: the store grows and the machine drifts during a
 * run, and measured one after the other the first path always met the smallest store (etcd's
 * CPU per create rose by half from the first phase to the third in one run).
 */
final class CreateThroughput {
  private static final int WARM_ROUND = 5_000;
  private static final Duration MAX_WARM = Duration.ofSeconds(180);

  /** One way of creating objects: {@code create.apply(i)} creates the i-th object of its own. */
  record Path(String name, IntFunction<CompletionStage<?>> create) {}

  /** What a run measured: creates each path was warmed with, and each path's result. */
  record Measured(long warmedPerPath, Map<String, Result> byPath) {
    /** The named path's result (empty, every figure NaN, when it was not run). */
    Result path(String name) {
      return byPath.getOrDefault(name, new Result());
    }
  }

  /** What a path achieved over all its measured rounds. */
  static final class Result {
    private long operations;
    private long nanos;
    private long cpuNanos;

    double perSecond() {
      return operations == 0 ? Double.NaN : operations / (nanos / 1e9);
    }

    double cpuMicrosPerOperation() {
      return operations == 0 ? Double.NaN : cpuNanos / 1e3 / operations;
    }
  }

  private final int concurrency;
  private final Runnable beforeRound;

  /** {@code beforeRound} runs before every measured round (compaction, a quiet JIT). */
  CreateThroughput(int concurrency, Runnable beforeRound) {
    this.concurrency = concurrency;
    this.beforeRound = beforeRound;
  }

  /**
   * Warms every path (rounds of 5,000 each, at least {@code minWarm} per path, until a cycle
   * over all paths leaves the compilers quiet), then measures {@code count} creates per path in
   * {@code rounds} interleaved rounds.
   */
  Measured run(List<Path> paths, int minWarm, int count, int rounds) {
    Map<String, Result> results = new LinkedHashMap<>();
    int[] next = new int[paths.size()];
    paths.forEach(p -> results.put(p.name(), new Result()));
    if (paths.isEmpty()) {
      return new Measured(0, results);
    }
    ApiBench.log("warming up %s (at least %d creates each, until the JIT is steady; not measured)...",
        names(paths), minWarm);
    long warmed = JitSettle.warm(() -> {
      for (int p = 0; p < paths.size(); p++) {
        createSeries(paths.get(p), next[p], WARM_ROUND);
        next[p] += WARM_ROUND;
      }
      return WARM_ROUND;
    }, minWarm, MAX_WARM);
    for (int round = 0; round < rounds; round++) {
      int n = count / rounds + (round < count % rounds ? 1 : 0);
      for (int p = 0; p < paths.size(); p++) {
        Path path = paths.get(p);
        beforeRound.run();
        ApiBench.log("%s: measuring round %d of %d (%d creates, %d in flight)...", path.name(),
            round + 1, rounds, n, concurrency);
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        createSeries(path, next[p], n);
        Result r = results.get(path.name());
        r.nanos += System.nanoTime() - start;
        r.cpuNanos += processCpuNanos() - cpu;
        r.operations += n;
        next[p] += n;
        ApiBench.log("%s: round %d done", path.name(), round + 1);
      }
    }
    return new Measured(warmed, results);
  }

  private void createSeries(Path path, int from, int n) {
    try {
      InFlight.run(n, concurrency, i -> path.create().apply(from + i));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String names(List<Path> paths) {
    return String.join(", ", paths.stream().map(Path::name).toList());
  }

  /** CPU used by this JVM so far (server and load generator both live here). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
