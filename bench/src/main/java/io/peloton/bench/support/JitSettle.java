package io.peloton.bench.support;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Waits for the JIT compiler to go quiet before a measured phase. On two cores the C2 queue
 * left by a warm-up takes seconds to drain; measured without waiting, a phase paid for the
 * previous phase's compilations (seen: C2 used half the CPU of a "warm" raw-store phase).
 */
public final class JitSettle {
  private static final long QUIET_WINDOW_MS = 500;

  private JitSettle() {}

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
      if (jit.getTotalCompilationTime() - before < QUIET_WINDOW_MS / 20) {
        break;
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
