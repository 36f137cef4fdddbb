package io.peloton.scheduler.model;

import java.util.ArrayList;
import java.util.List;

/** An immutable vector of cpu (cores), gpu (count), memory and disk (MB), as Peloton counts them. */
public record Resources(double cpu, double gpu, double memMb, double diskMb) {
  /** Tolerance for comparisons, so sums of fractional cpus do not flip a decision. */
  public static final double EPSILON = 1e-6;

  public static final Resources ZERO = new Resources(0, 0, 0, 0);

  public Resources {
    requireAmount("cpu", cpu);
    requireAmount("gpu", gpu);
    requireAmount("memMb", memMb);
    requireAmount("diskMb", diskMb);
  }

  private static void requireAmount(String field, double value) {
    if (Double.isNaN(value) || value < 0) {
      throw new IllegalArgumentException(field + " must be a number >= 0, was " + value);
    }
  }

  public static Resources of(double cpu, double memMb, double diskMb, double gpu) {
    return new Resources(cpu, gpu, memMb, diskMb);
  }

  public static Resources cpu(double cpu) {
    return new Resources(cpu, 0, 0, 0);
  }

  public double get(ResourceKind kind) {
    return switch (kind) {
      case CPU -> cpu;
      case GPU -> gpu;
      case MEMORY -> memMb;
      case DISK -> diskMb;
    };
  }

  /** Builds a vector from values indexed by {@link ResourceKind#ordinal()}, clamping tiny negatives to zero. */
  public static Resources fromArray(double[] byKind) {
    return new Resources(
        Math.max(0, byKind[0]), Math.max(0, byKind[1]), Math.max(0, byKind[2]), Math.max(0, byKind[3]));
  }

  public double[] toArray() {
    return new double[] {cpu, gpu, memMb, diskMb};
  }

  public Resources plus(Resources o) {
    return new Resources(cpu + o.cpu, gpu + o.gpu, memMb + o.memMb, diskMb + o.diskMb);
  }

  /** Subtraction clamped at zero per dimension (Peloton's {@code Subtract}). */
  public Resources minus(Resources o) {
    return new Resources(
        Math.max(0, cpu - o.cpu), Math.max(0, gpu - o.gpu),
        Math.max(0, memMb - o.memMb), Math.max(0, diskMb - o.diskMb));
  }

  public Resources times(double factor) {
    return new Resources(cpu * factor, gpu * factor, memMb * factor, diskMb * factor);
  }

  public Resources withCpu(double newCpu) {
    return new Resources(newCpu, gpu, memMb, diskMb);
  }

  /** True when every dimension is at most the other's (Peloton's {@code LessThanOrEqual}). */
  public boolean fitsIn(Resources o) {
    return cpu <= o.cpu + EPSILON && gpu <= o.gpu + EPSILON
        && memMb <= o.memMb + EPSILON && diskMb <= o.diskMb + EPSILON;
  }

  public boolean isZero() {
    return cpu <= EPSILON && gpu <= EPSILON && memMb <= EPSILON && diskMb <= EPSILON;
  }

  /** Kinds in which {@code used + request} would exceed {@code bound}. */
  public static List<ResourceKind> exceeded(Resources used, Resources request, Resources bound) {
    List<ResourceKind> out = new ArrayList<>(2);
    for (ResourceKind k : ResourceKind.values()) {
      if (used.get(k) + request.get(k) > bound.get(k) + EPSILON) {
        out.add(k);
      }
    }
    return out;
  }

  /** Renders a number compactly: integers without decimals, others with up to two. */
  public static String format(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return Long.toString((long) Math.rint(v));
    }
    String s = String.format(java.util.Locale.ROOT, "%.2f", v);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return "cpu=" + format(cpu) + " mem=" + format(memMb) + "MB disk=" + format(diskMb) + "MB gpu=" + format(gpu);
  }
}
