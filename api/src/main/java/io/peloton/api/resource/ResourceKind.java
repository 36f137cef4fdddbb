package io.peloton.api.resource;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A schedulable resource, spelled in lower case as in Peloton pool specs. */
public enum ResourceKind {
  @JsonProperty("cpu") CPU,
  @JsonProperty("memory") MEMORY,
  @JsonProperty("disk") DISK,
  @JsonProperty("gpu") GPU
}
