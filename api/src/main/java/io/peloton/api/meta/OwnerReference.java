package io.peloton.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Points at the object that owns this one; deleting the owner cascades to it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerReference(
    String apiVersion, String kind, String name, String uid, Boolean controller,
    Boolean blockOwnerDeletion) {}
