package io.peloton.api.lease;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** A lock held for a while: leader election and shard membership (cluster-scoped). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lease(String apiVersion, String kind, ObjectMeta metadata, LeaseSpec spec)
    implements ApiObject {}
