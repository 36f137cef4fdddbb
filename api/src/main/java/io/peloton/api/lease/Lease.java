package io.peloton.api.lease;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** PLACEHOLDER: the Lease kind (to be written in full). */
public record Lease(String apiVersion, String kind, ObjectMeta metadata, JsonNode spec, JsonNode status)
    implements ApiObject {}
