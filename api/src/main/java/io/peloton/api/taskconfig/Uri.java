package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A file the agent fetches into the sandbox before the task starts (Mesos {@code URI}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Uri(
    String value, Boolean executable, Boolean extract, Boolean cache, String outputFile) {}
