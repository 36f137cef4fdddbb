package io.peloton.scheduler;

import io.peloton.scheduler.explain.PendingExplanation;
import io.peloton.scheduler.placement.Binding;
import io.peloton.scheduler.preemption.Preemption;
import java.util.List;
import java.util.Map;

/**
 * The output of one cycle: tasks to bind, tasks to preempt, why every other pending task waits
 * (keyed by task id), and the status of every pool (keyed by path, root "/" included).
 */
public record SchedulingDecisions(
    List<Binding> bindings, List<Preemption> preemptions, Map<String, PendingExplanation> pending,
    Map<String, PoolStatus> pools, CycleTimings timings) {}
