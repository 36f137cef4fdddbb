package io.peloton.api.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/**
 * What happened to an object and why, Kubernetes-style; repeats are folded into {@code count}.
 *
 * @param reason one CamelCase word, e.g. {@code FailedScheduling}
 * @param source the component that reported it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Event(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ObjectReference involvedObject,
    String reason,
    String message,
    EventType type,
    Integer count,
    String firstTimestamp,
    String lastTimestamp,
    EventSource source,
    String reportingComponent,
    String reportingInstance) implements ApiObject {

  /** Normal for routine, Warning for something a person may need to act on. */
  public enum EventType { Normal, Warning }

  /** The component (and host) an event comes from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventSource(String component, String host) {}
}
