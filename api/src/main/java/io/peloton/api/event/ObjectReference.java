package io.peloton.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Points at the object an event is about. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectReference(
    String apiVersion, String kind, String namespace, String name, String uid,
    String resourceVersion, String fieldPath) {}
