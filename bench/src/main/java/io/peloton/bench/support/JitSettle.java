package io.peloton.bench.support;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Waits for the JIT compiler to go quiet before a measured phase. On two cores the C2 queue
 * left by a warm-up takes seconds to drain; measured without waiting, a phase paid for the
 * previous phase's compilations (seen: C2 used half the CPU of a "warm" raw-store phase).
 */
public final class JitSettle {
  private static final long QUIET_WINDOW_MS = 500;

  private JitSettle() {}

  /** Whether the compilers used under 5% of a core over a window of {@code windowMs}. */
  private static boolean quiet(long compilingMs, long windowMs) {
    return compilingMs * 20 < windowMs;
  }

  /**
   * Returns once the compilers used under 5% of a core over half a second, or after
   * {@code max}; the seconds waited.
   */
  public static double await(Duration max) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long start = System.nanoTime();
    if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
      return 0;
    }
    long deadline = start + max.toNanos();
    while (System.nanoTime() < deadline) {
      long before = jit.getTotalCompilationTime();
      try {
        Thread.sleep(QUIET_WINDOW_MS); // a measurement window, not a wait for an event
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (quiet(jit.getTotalCompilationTime() - before, QUIET_WINDOW_MS)) {
        break;
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Runs {@code round} (one round of work; it returns how many operations it did) until a round
   * leaves the compilers under 5% of a core, and at least {@code minOperations} operations, or
   * until {@code max}; returns the operations run. A fixed warm-up count was not enough on two
   * cores: C2's queue stays long during a warm-up, which raises its thresholds, so code of the
   * measured path was still being compiled during the measurement (a core's worth, seen in a
   * REST phase after 20,000 warm-up creates).
   */
  public static long warm(IntSupplier round, long minOperations, Duration max) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean monitored = jit != null && jit.isCompilationTimeMonitoringSupported();
    long deadline = System.nanoTime() + max.toNanos();
    long operations = 0;
    while (true) {
      long compiling = monitored ? jit.getTotalCompilationTime() : 0;
      long start = System.nanoTime();
      operations += round.getAsInt();
      long roundMs = (System.nanoTime() - start) / 1_000_000;
      boolean quiet = !monitored || quiet(jit.getTotalCompilationTime() - compiling, roundMs);
      if ((quiet && operations >= minOperations) || System.nanoTime() > deadline) {
        return operations;
      }
    }
  }
}
