package io.peloton.bench.support;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Heap in use after full collections, for retained-size figures. */
public final class HeapProbe {
  private static final int MAX_ROUNDS = 6;
  /** Collections stop once one more frees less than this (finalizers, soft references settle). */
  private static final long SETTLED_BYTES = 256 * 1024;

  private HeapProbe() {}

  /** Bytes of heap in use after {@code System.gc()} has stopped freeing memory (at most 6 rounds). */
  public static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < MAX_ROUNDS; i++) {
      System.gc();
      long now = memory.getHeapMemoryUsage().getUsed();
      boolean settled = i >= 2 && used - now < SETTLED_BYTES;
      used = Math.min(used, now);
      if (settled) {
        break;
      }
    }
    return used;
  }
}
