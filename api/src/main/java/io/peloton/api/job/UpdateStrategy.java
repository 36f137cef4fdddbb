package io.peloton.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a spec change rolls out to running instances, as Peloton's {@code UpdateConfig}.
 *
 * @param batchSize instances updated at once; 0 = all
 * @param maxInstanceRetries an instance fails after this many attempts; 0 = retry forever
 * @param maxTolerableInstanceFailures the update fails when this many instances failed; 0 = never
 * @param inPlace keep instances on their current hosts where possible
 * @param paused hold the rollout until set back to false
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateStrategy(
    Integer batchSize,
    Integer maxInstanceRetries,
    Integer maxTolerableInstanceFailures,
    Boolean rollbackOnFailure,
    Boolean inPlace,
    Boolean paused) {}
