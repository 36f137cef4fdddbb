package io.peloton.api.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import io.peloton.api.meta.Condition;
import io.peloton.api.resource.ResourceAmounts;
import java.util.List;

/**
 * What the pool controller and scheduler observed.
 *
 * @param path full path, e.g. {@code /infrastructure/compute}
 * @param entitlement what max-min fairness currently grants the pool
 * @param allocation what admitted tasks hold
 * @param demand what pending tasks ask for
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourcePoolStatus(
    String path,
    List<String> children,
    ResourceAmounts entitlement,
    ResourceAmounts allocation,
    ResourceAmounts demand,
    ResourceAmounts slackEntitlement,
    ResourceAmounts slackAllocation,
    List<Condition> conditions,
    Long observedGeneration) {

  public ResourcePoolStatus {
    children = Frozen.list(children);
    conditions = Frozen.list(conditions);
  }
}
