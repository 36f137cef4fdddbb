package io.peloton.scheduler.model;

/** Maintenance state of a host; only UP hosts take new tasks. */
public enum HostState {
  UP,
  DRAINING,
  DRAINED,
  DOWN
}
