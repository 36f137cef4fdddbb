package io.peloton.scheduler.preemption;

/** A decision to take a task off its host so its pool returns to its entitlement. */
public record Preemption(String taskId, String pool, String host, boolean running, String reason) {}
