package io.peloton.bench.support;

import java.util.Arrays;

/** Collects latency samples and reports percentiles. Thread-safe. */
public final class Percentiles {
  private double[] samples = new double[1024];
  private int size;

  public synchronized void add(double value) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = value;
  }

  public synchronized int count() {
    return size;
  }

  /** The p-th percentile (0..100) by nearest rank; NaN without samples. */
  public synchronized double percentile(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
  }
}
