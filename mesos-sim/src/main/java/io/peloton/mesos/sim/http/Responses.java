package io.peloton.mesos.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import io.peloton.mesos.sim.wire.WireFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writes the response shapes Mesos uses: plain-text errors with Content-Length, empty 200/202, encoded bodies. */
final class Responses {
  static final ObjectMapper JSON = new ObjectMapper();

  private Responses() {}

  /**
   * The checks Mesos makes before reading any call, in its order: POST only (405), a
   * Content-Type (400) it can read (415). Answers the request and returns null when one fails.
   */
  static WireFormat callFormat(io.vertx.core.http.HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    if (req.method() != io.vertx.core.http.HttpMethod.POST) {
      resp.putHeader("Allow", "POST");
      error(resp, 405, "Expecting 'POST', received '" + req.method().name() + "'");
      return null;
    }
    String contentType = req.getHeader("Content-Type");
    if (contentType == null) {
      error(resp, 400, "Expecting 'Content-Type' to be present");
      return null;
    }
    WireFormat format = WireFormat.ofContentType(contentType);
    if (format == null) {
      error(resp, 415, "Expecting 'Content-Type' of application/json or application/x-protobuf");
    }
    return format;
  }

  static void error(HttpServerResponse response, int status, String message) {
    if (response.ended() || response.headWritten()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
  }

  static void empty(HttpServerResponse response, int status) {
    if (response.ended()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Length", "0").end();
  }

  static void message(HttpServerResponse response, WireFormat format, Message message) {
    response.setStatusCode(200).putHeader("Content-Type", format.mediaType()).end(Buffer.buffer(format.encode(message)));
  }

  static void json(HttpServerResponse response, int status, Object body) {
    try {
      response.setStatusCode(status).putHeader("Content-Type", "application/json")
          .end(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      error(response, 500, "Failed to serialise the response");
    }
  }

  static void rawJson(HttpServerResponse response, String json) {
    response.setStatusCode(200).putHeader("Content-Type", "application/json").end(json);
  }
}
