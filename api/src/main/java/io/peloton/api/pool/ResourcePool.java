package io.peloton.api.pool;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** A node of the resource pool tree (cluster-scoped); jobs run in leaf pools. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourcePool(
    String apiVersion, String kind, ObjectMeta metadata, ResourcePoolSpec spec,
    ResourcePoolStatus status) implements ApiObject {}
