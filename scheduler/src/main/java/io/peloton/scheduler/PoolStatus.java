package io.peloton.scheduler;

import io.peloton.scheduler.model.Resources;

/**
 * What the adapter publishes in ResourcePool status: entitlement (and its slack part), what bound tasks
 * hold, and what pending tasks ask for.
 */
public record PoolStatus(
    String path, Resources entitlement, Resources slackEntitlement, Resources allocation, Resources demand) {}
