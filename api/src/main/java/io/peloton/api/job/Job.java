package io.peloton.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** A batch, service, daemon or stateful job: N instances of a task config in one pool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Job(
    String apiVersion, String kind, ObjectMeta metadata, JobSpec spec, JobStatus status)
    implements ApiObject {}
