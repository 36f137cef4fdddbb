package io.peloton.api.maintenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** A request to drain and take down hosts, and to bring them back (cluster-scoped). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostMaintenance(
    String apiVersion, String kind, ObjectMeta metadata, HostMaintenanceSpec spec,
    HostMaintenanceStatus status) implements ApiObject {}
