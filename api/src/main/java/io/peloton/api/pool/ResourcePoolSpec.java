package io.peloton.api.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import io.peloton.api.resource.ResourceKind;
import java.util.List;

/**
 * Desired shape of a pool, as Peloton's {@code ResourcePoolConfig}.
 *
 * @param parent path of the parent pool, {@code /} for a top-level pool
 * @param resources one entry per resource kind
 * @param controllerLimit cap on controller tasks, in percent of the reservation
 * @param slackLimit cap on revocable tasks' use of non-revocable kinds, in percent
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourcePoolSpec(
    String parent,
    List<PoolResource> resources,
    PercentLimit controllerLimit,
    PercentLimit slackLimit,
    SchedulingPolicy policy,
    String owningTeam,
    List<String> ldapGroups,
    String description) {

  public ResourcePoolSpec {
    resources = Frozen.list(resources);
    ldapGroups = Frozen.list(ldapGroups);
  }

  /** The entry for one kind, or null when the pool does not define it. */
  public PoolResource resource(ResourceKind kind) {
    if (resources == null) {
      return null;
    }
    return resources.stream().filter(r -> r.kind() == kind).findFirst().orElse(null);
  }

  /**
   * How much of one kind the pool guarantees and may use.
   *
   * @param reservation guaranteed amount
   * @param limit most the pool may use, elastic share included
   * @param share weight when dividing capacity above reservations among siblings
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PoolResource(
      ResourceKind kind, Double reservation, Double limit, Double share, ReservationType type) {}

  /** A percentage cap. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PercentLimit(Double maxPercent) {}

  /** ELASTIC pools may borrow above reservation; STATIC pools never exceed it. */
  public enum ReservationType { ELASTIC, STATIC }

  /** Order in which a leaf pool admits its pending gangs (Peloton has one). */
  public enum SchedulingPolicy { PriorityFIFO }
}
