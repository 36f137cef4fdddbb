package io.peloton.scheduler.placement;

/** A placement decision: run this task on this host (the adapter writes Task.spec.host). */
public record Binding(String taskId, String host) {}
