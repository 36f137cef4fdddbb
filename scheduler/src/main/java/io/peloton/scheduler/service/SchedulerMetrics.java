package io.peloton.scheduler.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Meters of a scheduler replica: {@code peloton.scheduler.cycles}, {@code .cycle.duration},
 * {@code .bindings{result}}, {@code .preemptions}, {@code .pending} and {@code .leader}.
 */
public final class SchedulerMetrics {
  private final Counter cycles;
  private final Timer cycleDuration;
  private final Counter bound;
  private final Counter conflicts;
  private final Counter failed;
  private final Counter preemptions;
  private final AtomicLong pending = new AtomicLong();

  public SchedulerMetrics(MeterRegistry registry, BooleanSupplier leader) {
    cycles = Counter.builder("peloton.scheduler.cycles").description("scheduling cycles run").register(registry);
    cycleDuration = Timer.builder("peloton.scheduler.cycle.duration")
        .description("one cycle: snapshot, decisions and writes").register(registry);
    bound = bindings(registry, "bound");
    conflicts = bindings(registry, "conflict");
    failed = bindings(registry, "failed");
    preemptions = Counter.builder("peloton.scheduler.preemptions").register(registry);
    Gauge.builder("peloton.scheduler.pending", pending, AtomicLong::get)
        .description("tasks still pending after the last cycle").register(registry);
    Gauge.builder("peloton.scheduler.leader", () -> leader.getAsBoolean() ? 1 : 0)
        .description("1 while this replica leads").register(registry);
  }

  private static Counter bindings(MeterRegistry registry, String result) {
    return Counter.builder("peloton.scheduler.bindings").tag("result", result).register(registry);
  }

  void cycle(long nanos, CycleReport r) {
    cycles.increment();
    cycleDuration.record(java.time.Duration.ofNanos(nanos));
    bound.increment(r.bound());
    conflicts.increment(r.conflicts());
    failed.increment(r.failedBindings());
    preemptions.increment(r.preemptions());
    pending.set(r.stillPending());
  }
}
