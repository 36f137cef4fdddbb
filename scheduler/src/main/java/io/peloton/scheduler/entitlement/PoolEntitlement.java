package io.peloton.scheduler.entitlement;

import io.peloton.scheduler.model.Resources;

/**
 * What a pool may use this cycle: the total entitlement, the part non-revocable work may use, and the
 * slack entitlement revocable work may use (its cpu is revocable host cpu).
 */
public record PoolEntitlement(Resources entitlement, Resources nonSlackEntitlement, Resources slackEntitlement) {}
