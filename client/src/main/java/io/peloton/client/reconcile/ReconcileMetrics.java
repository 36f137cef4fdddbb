package io.peloton.client.reconcile;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.peloton.client.workqueue.WorkQueue;
import java.time.Duration;

/** A reconcile loop's meters: outcomes by kind, reconcile time, queue depth. */
final class ReconcileMetrics {
  private final Counter done;
  private final Counter requeued;
  private final Counter errors;
  private final Counter terminal;
  private final Timer duration;

  ReconcileMetrics(MeterRegistry registry, String controller, WorkQueue<?> queue) {
    done = outcome(registry, controller, "done");
    requeued = outcome(registry, controller, "requeue_after");
    errors = outcome(registry, controller, "error");
    terminal = outcome(registry, controller, "terminal_error");
    duration = Timer.builder("peloton.reconcile.duration").tag("controller", controller)
        .description("time spent in reconcile").register(registry);
    Gauge.builder("peloton.workqueue.depth", queue, WorkQueue::length)
        .tag("controller", controller).description("keys waiting for a worker")
        .register(registry);
    Gauge.builder("peloton.workqueue.delayed", queue, WorkQueue::delayedCount)
        .tag("controller", controller).description("keys waiting for a delay or backoff")
        .register(registry);
  }

  private static Counter outcome(MeterRegistry registry, String controller, String result) {
    return Counter.builder("peloton.reconcile.total").tag("controller", controller)
        .tag("result", result).description("reconciles by outcome").register(registry);
  }

  void record(Result result, Duration took) {
    duration.record(took);
    if (result.error() instanceof TerminalException) {
      terminal.increment();
    } else if (result.error() != null) {
      errors.increment();
    } else if (result.requeueAfter() != null) {
      requeued.increment();
    } else {
      done.increment();
    }
  }
}
