package io.peloton.scheduler;

import java.time.Duration;

/**
 * Knobs of the scheduling cycle. Defaults follow Peloton, scaled to sub-second cycles: preemption
 * needs 10 consecutive over-entitled cycles (Peloton: 5 periods of 60 s) and a victim stays in flight
 * for up to 600 cycles. A gang waiting for capacity may be overtaken for {@code overtakeWindow}
 * (see {@link io.peloton.scheduler.admission.OvertakeWindow}; zero is Peloton's strict FIFO).
 */
public record SchedulerConfig(
    boolean preemptionEnabled, int sustainedOverAllocationCycles, int preemptionInFlightCycles,
    boolean gpuHostsReservedForGpuTasks, Duration overtakeWindow) {
  /** How long a gang waiting for capacity may be overtaken by default. */
  public static final Duration DEFAULT_OVERTAKE_WINDOW = Duration.ofSeconds(60);

  public SchedulerConfig {
    if (overtakeWindow == null || overtakeWindow.isNegative()) {
      throw new IllegalArgumentException("overtakeWindow must be >= 0, was " + overtakeWindow);
    }
    if (sustainedOverAllocationCycles < 1) {
      throw new IllegalArgumentException(
          "sustainedOverAllocationCycles must be >= 1, was " + sustainedOverAllocationCycles);
    }
    if (preemptionInFlightCycles < 1) {
      throw new IllegalArgumentException("preemptionInFlightCycles must be >= 1, was " + preemptionInFlightCycles);
    }
  }

  public static SchedulerConfig defaults() {
    return new SchedulerConfig(true, 10, 600, true, DEFAULT_OVERTAKE_WINDOW);
  }

  public SchedulerConfig withSustainedOverAllocationCycles(int cycles) {
    return new SchedulerConfig(preemptionEnabled, cycles, preemptionInFlightCycles,
        gpuHostsReservedForGpuTasks, overtakeWindow);
  }

  public SchedulerConfig withPreemptionEnabled(boolean enabled) {
    return new SchedulerConfig(enabled, sustainedOverAllocationCycles, preemptionInFlightCycles,
        gpuHostsReservedForGpuTasks, overtakeWindow);
  }

  public SchedulerConfig withGpuHostsReservedForGpuTasks(boolean reserved) {
    return new SchedulerConfig(preemptionEnabled, sustainedOverAllocationCycles,
        preemptionInFlightCycles, reserved, overtakeWindow);
  }

  public SchedulerConfig withOvertakeWindow(Duration window) {
    return new SchedulerConfig(preemptionEnabled, sustainedOverAllocationCycles,
        preemptionInFlightCycles, gpuHostsReservedForGpuTasks, window);
  }
}
