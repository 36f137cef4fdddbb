package io.peloton.api.resource;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An amount of each schedulable resource: cpu in cores, memory and disk in MB, gpu in devices
 * (the units Peloton uses for pools and tasks alike).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceAmounts(Double cpu, Double memory, Double disk, Double gpu) {
  public static final ResourceAmounts ZERO = new ResourceAmounts(0.0, 0.0, 0.0, 0.0);
}
