package io.peloton.api.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** PLACEHOLDER: the ResourcePool kind (to be written in full). */
public record ResourcePool(String apiVersion, String kind, ObjectMeta metadata, JsonNode spec, JsonNode status)
    implements ApiObject {}
