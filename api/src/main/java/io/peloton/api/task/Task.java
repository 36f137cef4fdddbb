package io.peloton.api.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** PLACEHOLDER: the Task kind (to be written in full). */
public record Task(String apiVersion, String kind, ObjectMeta metadata, JsonNode spec, JsonNode status)
    implements ApiObject {}
