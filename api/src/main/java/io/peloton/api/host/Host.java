package io.peloton.api.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** One Mesos agent, named by its hostname (cluster-scoped). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Host(
    String apiVersion, String kind, ObjectMeta metadata, HostSpec spec, HostStatus status)
    implements ApiObject {}
