package io.peloton.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A request the server refused or could not serve; carries the server's {@code Status}. */
public final class ApiError extends RuntimeException {
  private final int code;
  private final String reason;
  private final JsonNode status;

  public ApiError(int code, String reason, String message, JsonNode status) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.status = status;
  }

  /** Builds the error from a response; works for a Status body and for anything else. */
  public static ApiError from(int code, JsonNode body, String raw) {
    if (body != null && "Status".equals(body.path("kind").asText())) {
      return new ApiError(code, body.path("reason").asText(""), body.path("message").asText(raw),
          body);
    }
    return new ApiError(code, "", "server answered " + code + ": " + raw, body);
  }

  /** The error one item of a batch answer carries, or null when the item is not a Status. */
  public static ApiError ofItem(JsonNode item) {
    if (item == null || !"Status".equals(item.path("kind").asText())) {
      return null;
    }
    return from(item.path("code").asInt(0), item, item.toString());
  }

  /** The HTTP status code (0 when the server could not be reached). */
  public int code() {
    return code;
  }

  /** Kubernetes reason: NotFound, AlreadyExists, Conflict, Invalid, Expired, ... */
  public String reason() {
    return reason;
  }

  public JsonNode status() {
    return status;
  }

  public boolean isNotFound() {
    return code == 404;
  }

  public boolean isConflict() {
    return code == 409 && "Conflict".equals(reason);
  }

  public boolean isAlreadyExists() {
    return code == 409 && "AlreadyExists".equals(reason);
  }

  public boolean isGone() {
    return code == 410;
  }

  /** "field: message" for each cause of a 422, in order. */
  public List<String> causes() {
    List<String> out = new ArrayList<>();
    if (status != null) {
      status.path("details").path("causes").forEach(c ->
          out.add(c.path("field").asText() + ": " + c.path("message").asText()));
    }
    return out;
  }
}
