package io.peloton.apiserver.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.codec.Codecs;
import io.peloton.api.validation.FieldError;
import java.util.List;

/**
 * A request that failed for a reason the client can act on; carries the Kubernetes
 * {@code Status} object sent back as the response body.
 */
public final class ApiException extends RuntimeException {
  private final int code;
  private final String reason;
  private final ObjectNode details;

  private ApiException(int code, String reason, String message, ObjectNode details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** The {@code Status} object for the response body. */
  public ObjectNode status() {
    return Statuses.failure(code, reason, getMessage(), details);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null);
  }

  /**
   * 400 BadRequest about one field of the request (a query parameter, a DeleteOptions field,
   * a header): the Status names it as a cause, so clients can point at what to change.
   */
  public static ApiException badField(String field, String message) {
    return new ApiException(400, "BadRequest", field + ": " + message,
        withCause(Codecs.json().createObjectNode(), field, message));
  }

  /** 413 RequestEntityTooLarge: an object or a request body above the server's limit. */
  public static ApiException tooLarge(String message) {
    return new ApiException(413, "RequestEntityTooLarge", message, null);
  }

  /** 408 Timeout: the client did not send its request in time. */
  public static ApiException requestTimeout(String message) {
    return new ApiException(408, "Timeout", message, null);
  }

  public static ApiException notFound(ResourceType type, String name) {
    return new ApiException(404, "NotFound",
        type.plural() + "." + type.group() + " \"" + name + "\" not found", details(type, name));
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "NotFound", message, null);
  }

  public static ApiException alreadyExists(ResourceType type, String name) {
    return new ApiException(409, "AlreadyExists",
        type.plural() + "." + type.group() + " \"" + name + "\" already exists",
        details(type, name));
  }

  public static ApiException conflict(ResourceType type, String name) {
    return new ApiException(409, "Conflict",
        "Operation cannot be fulfilled on " + type.plural() + "." + type.group() + " \"" + name
            + "\": the object has been modified; please apply your changes to the latest version"
            + " and try again",
        details(type, name));
  }

  /** 409 Conflict with a specific explanation. */
  public static ApiException conflictWith(ResourceType type, String name, String why) {
    return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.plural()
        + "." + type.group() + " \"" + name + "\": " + why, details(type, name));
  }

  /**
   * 409 Conflict: a precondition in the request (uid or resourceVersion) does not hold for the
   * stored object; the cause names the precondition's field.
   */
  public static ApiException preconditionFailed(ResourceType type, String name, String field,
      String message) {
    return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.plural()
        + "." + type.group() + " \"" + name + "\": Precondition failed: " + message,
        withCause(details(type, name), field, message));
  }

  public static ApiException expired(String message) {
    return new ApiException(410, "Expired", message, null);
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message, null);
  }

  public static ApiException unsupportedMediaType(String message) {
    return new ApiException(415, "UnsupportedMediaType", message, null);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(503, "ServiceUnavailable", message, null);
  }

  public static ApiException timeout(String message) {
    return new ApiException(504, "Timeout", message, null);
  }

  public static ApiException internal(String message) {
    return new ApiException(500, "InternalError", message, null);
  }

  /** 422 Invalid listing every problem with its field path. */
  public static ApiException invalid(ResourceType type, String name, List<FieldError> errors) {
    ObjectNode details = details(type, name);
    ArrayNode causes = details.putArray("causes");
    StringBuilder message = new StringBuilder()
        .append(type.kind()).append('.').append(type.group()).append(" \"")
        .append(name == null ? "" : name).append("\" is invalid: ");
    for (int i = 0; i < errors.size(); i++) {
      FieldError e = errors.get(i);
      causes.addObject().put("reason", e.reason()).put("message", e.message())
          .put("field", e.field());
      message.append(i == 0 ? "" : ", ").append(e.field()).append(": ").append(e.message());
    }
    return new ApiException(422, "Invalid", message.toString(), details);
  }

  private static ObjectNode withCause(ObjectNode details, String field, String message) {
    details.putArray("causes").addObject().put("reason", FieldError.INVALID)
        .put("message", message).put("field", field);
    return details;
  }

  private static ObjectNode details(ResourceType type, String name) {
    ObjectNode d = Codecs.json().createObjectNode();
    if (name != null) {
      d.put("name", name);
    }
    d.put("group", type.group()).put("kind", type.plural());
    return d;
  }
}
