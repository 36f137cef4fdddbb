package io.peloton.api.maintenance;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** PLACEHOLDER: the HostMaintenance kind (to be written in full). */
public record HostMaintenance(String apiVersion, String kind, ObjectMeta metadata, JsonNode spec, JsonNode status)
    implements ApiObject {}
