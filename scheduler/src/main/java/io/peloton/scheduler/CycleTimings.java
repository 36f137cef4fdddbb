package io.peloton.scheduler;

/**
 * Wall time of each phase of one cycle in nanoseconds (indexing the snapshot, entitlement, admission,
 * placement, preemption), and how many single-host checks placement made; for metrics and benchmarks.
 */
public record CycleTimings(
    long indexNanos, long entitlementNanos, long admissionNanos, long placementNanos, long preemptionNanos,
    long hostsExamined) {
  public long totalNanos() {
    return indexNanos + entitlementNanos + admissionNanos + placementNanos + preemptionNanos;
  }
}
