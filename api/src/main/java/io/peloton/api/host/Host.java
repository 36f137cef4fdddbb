package io.peloton.api.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** PLACEHOLDER: the Host kind (to be written in full). */
public record Host(String apiVersion, String kind, ObjectMeta metadata, JsonNode spec, JsonNode status)
    implements ApiObject {}
