package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.resource.ResourceAmounts;

/**
 * What one task may use, as Peloton's {@code ResourceConfig}.
 *
 * @param cpuLimit cores
 * @param memLimitMb memory in MB
 * @param diskLimitMb disk in MB
 * @param gpuLimit whole GPU devices
 * @param fdLimit open file descriptors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskResources(
    Double cpuLimit, Double memLimitMb, Double diskLimitMb, Double gpuLimit, Integer fdLimit) {

  /** These limits as the amounts a scheduler accounts with (absent limits count as 0). */
  public ResourceAmounts amounts() {
    return new ResourceAmounts(zeroIfNull(cpuLimit), zeroIfNull(memLimitMb),
        zeroIfNull(diskLimitMb), zeroIfNull(gpuLimit));
  }

  private static Double zeroIfNull(Double d) {
    return d == null ? 0.0 : d;
  }
}
