package io.peloton.scheduler.model;

import java.util.Map;

/**
 * A Mesos agent as the scheduler sees it: its allocatable capacity, dynamic port count, revocable
 * (slack) cpus and attributes (labels; the synthetic label {@code hostname} is always present).
 */
public record Host(
    String name, HostState state, boolean unschedulable, Resources capacity, int ports, double revocableCpu,
    Map<String, String> attributes) {
  /** Attribute that makes a host exclusive: only tasks constraining on this key may land there. */
  public static final String EXCLUSIVE_ATTRIBUTE = "peloton/exclusive";

  public static final String HOSTNAME_LABEL = "hostname";

  public Host {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("host name must not be empty");
    }
    if (state == null) {
      throw new IllegalArgumentException("host " + name + ": state must be set");
    }
    if (capacity == null) {
      throw new IllegalArgumentException("host " + name + ": capacity must be set");
    }
    if (ports < 0) {
      throw new IllegalArgumentException("host " + name + ": ports must be >= 0, was " + ports);
    }
    if (Double.isNaN(revocableCpu) || revocableCpu < 0) {
      throw new IllegalArgumentException("host " + name + ": revocableCpu must be >= 0, was " + revocableCpu);
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  public static Host up(String name, Resources capacity, Map<String, String> attributes) {
    return new Host(name, HostState.UP, false, capacity, 1000, 0, attributes);
  }

  /** Whether new work may be placed here at all. */
  public boolean schedulable() {
    return state == HostState.UP && !unschedulable;
  }

  /** Attribute value for a label key, treating {@code hostname} as the host's name. */
  public String label(String key) {
    if (HOSTNAME_LABEL.equals(key)) {
      return name;
    }
    return attributes.get(key);
  }

  public boolean exclusive() {
    return attributes.containsKey(EXCLUSIVE_ATTRIBUTE);
  }
}
