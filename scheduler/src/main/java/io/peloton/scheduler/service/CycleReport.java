package io.peloton.scheduler.service;

/** What one cycle of a running scheduler did, for metrics, logs and tests. */
public record CycleReport(int pending, int bound, int conflicts, int failedBindings, int preemptions,
    int stillPending, int invalid, int poolStatusesWritten, int eventsWritten) {}
