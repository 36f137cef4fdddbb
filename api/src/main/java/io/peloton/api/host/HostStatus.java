package io.peloton.api.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import io.peloton.api.meta.Condition;
import io.peloton.api.resource.ResourceAmounts;
import java.util.List;
import java.util.Map;

/**
 * What the Mesos bridge observed about an agent.
 *
 * @param capacity everything the agent offers
 * @param allocatable what tasks may still use (capacity minus reserved for others)
 * @param attributes Mesos agent attributes as labels (HOST label constraints match these)
 * @param ports port ranges the agent offers
 * @param unavailability the Mesos maintenance window posted for this host
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HostStatus(
    HostState state,
    String agentId,
    String hostname,
    String ip,
    ResourceAmounts capacity,
    ResourceAmounts allocatable,
    List<PortRange> ports,
    Map<String, String> attributes,
    Unavailability unavailability,
    String lastHeartbeatTime,
    List<Condition> conditions,
    Long observedGeneration) {

  public HostStatus {
    ports = Frozen.list(ports);
    attributes = Frozen.map(attributes);
    conditions = Frozen.list(conditions);
  }

  /** An inclusive range of port numbers. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PortRange(Integer begin, Integer end) {}

  /**
   * A maintenance window: from {@code start} (RFC 3339) for {@code duration} (e.g. {@code 2h};
   * absent means until maintenance completes).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Unavailability(String start, String duration) {}
}
