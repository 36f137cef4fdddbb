package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A port a task needs, as Peloton's {@code PortConfig}.
 *
 * @param value a static port; absent or 0 asks for a dynamic one
 * @param envName environment variable that receives the port number (required when dynamic)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Port(String name, Integer value, String envName) {
  @JsonIgnore
  public boolean isDynamic() {
    return value == null || value == 0;
  }
}
