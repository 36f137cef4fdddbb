package io.peloton.scheduler.placement;

import java.util.List;
import java.util.Map;

/**
 * Bindings made in one placement round, why each unplaced task found no host, and how many times a
 * single host was examined for a task (the cost measure: it grows with tasks + hosts, not their product).
 */
public record PlacementOutcome(List<Binding> bindings, Map<String, String> unplaced, long hostsExamined) {}
