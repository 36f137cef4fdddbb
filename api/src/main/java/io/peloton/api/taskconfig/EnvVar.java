package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One environment variable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvVar(String name, String value) {}
