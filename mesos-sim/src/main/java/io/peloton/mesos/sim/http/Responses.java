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
