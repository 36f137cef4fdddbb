package io.peloton.scheduler;

/**
 * Knobs of the scheduling cycle. Defaults follow Peloton, scaled to sub-second cycles: preemption
 * needs 10 consecutive over-entitled cycles (Peloton: 5 periods of 60 s) and a victim stays in flight
 * for up to 600 cycles.
 */
public record SchedulerConfig(
    boolean preemptionEnabled, int sustainedOverAllocationCycles, int preemptionInFlightCycles,
    boolean gpuHostsReservedForGpuTasks) {
  public SchedulerConfig {
    if (sustainedOverAllocationCycles < 1) {
      throw new IllegalArgumentException(
          "sustainedOverAllocationCycles must be >= 1, was " + sustainedOverAllocationCycles);
    }
    if (preemptionInFlightCycles < 1) {
      throw new IllegalArgumentException("preemptionInFlightCycles must be >= 1, was " + preemptionInFlightCycles);
    }
  }

  public static SchedulerConfig defaults() {
    return new SchedulerConfig(true, 10, 600, true);
  }

  public SchedulerConfig withSustainedOverAllocationCycles(int cycles) {
    return new SchedulerConfig(preemptionEnabled, cycles, preemptionInFlightCycles, gpuHostsReservedForGpuTasks);
  }

  public SchedulerConfig withPreemptionEnabled(boolean enabled) {
    return new SchedulerConfig(enabled, sustainedOverAllocationCycles, preemptionInFlightCycles,
        gpuHostsReservedForGpuTasks);
  }

  public SchedulerConfig withGpuHostsReservedForGpuTasks(boolean reserved) {
    return new SchedulerConfig(preemptionEnabled, sustainedOverAllocationCycles, preemptionInFlightCycles, reserved);
  }
}
