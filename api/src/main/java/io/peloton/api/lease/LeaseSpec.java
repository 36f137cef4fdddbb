package io.peloton.api.lease;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who holds the lease and until when.
 *
 * @param acquireTime when the current holder took it (RFC 3339)
 * @param renewTime when the holder last renewed it (RFC 3339)
 * @param leaseTransitions how many times the holder changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeaseSpec(
    String holderIdentity,
    Integer leaseDurationSeconds,
    String acquireTime,
    String renewTime,
    Integer leaseTransitions) {}
