package io.peloton.scheduler.model;

/** The four resource kinds a pool can reserve; declaration order is Peloton's water-filling order. */
public enum ResourceKind {
  CPU("cpu"),
  GPU("gpu"),
  MEMORY("memory"),
  DISK("disk");

  private final String label;

  ResourceKind(String label) {
    this.label = label;
  }

  /** The lower-case name users see in pool specs and explanations. */
  public String label() {
    return label;
  }
}
