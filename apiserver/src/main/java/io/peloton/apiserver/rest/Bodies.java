package io.peloton.apiserver.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.codec.Codecs;
import io.peloton.apiserver.service.ApiException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Reads request bodies (JSON or YAML) and writes responses in the format the client accepts. */
final class Bodies {
  private Bodies() {}

  static boolean isYaml(String contentType) {
    if (contentType == null) {
      return false;
    }
    String c = contentType.toLowerCase(Locale.ROOT);
    return c.contains("yaml");
  }

  /** The request body as a tree; a malformed body is a 400 that says where it broke. */
  static JsonNode read(RoutingContext rc) {
    Buffer body = rc.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("request body is empty");
    }
    String contentType = rc.request().getHeader("Content-Type");
    try {
      if (isYaml(contentType)) {
        List<JsonNode> docs = Codecs.readDocuments(body.toString());
        if (docs.size() != 1) {
          throw ApiException.badRequest(
              "request body must hold exactly one YAML document, found " + docs.size());
        }
        return docs.get(0);
      }
      return Codecs.json().readTree(body.getBytes());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("request body is not valid " + (isYaml(contentType)
          ? "YAML" : "JSON") + ": " + e.getOriginalMessage() + locationOf(e));
    } catch (IOException e) {
      throw ApiException.badRequest("request body could not be read: " + e.getMessage());
    }
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
            + ")";
  }

  static boolean wantsYaml(RoutingContext rc) {
    String accept = rc.request().getHeader("Accept");
    return accept != null && isYaml(accept) && !accept.toLowerCase(Locale.ROOT)
        .startsWith("application/json");
  }

  static void send(RoutingContext rc, int code, JsonNode body) {
    HttpServerResponse resp = rc.response().setStatusCode(code);
    try {
      if (wantsYaml(rc)) {
        resp.putHeader("Content-Type", "application/yaml")
            .end(Buffer.buffer(Codecs.yaml().writeValueAsBytes(body)));
      } else {
        resp.putHeader("Content-Type", "application/json")
            .end(Buffer.buffer(Codecs.json().writeValueAsBytes(body)));
      }
    } catch (JsonProcessingException e) {
      resp.setStatusCode(500).end();
    }
  }

  /** Sends JSON bytes as they are, or converted to YAML if the client asked for YAML. */
  static void sendJsonBytes(RoutingContext rc, int code, byte[] json) {
    if (wantsYaml(rc)) {
      try {
        send(rc, code, Codecs.json().readTree(json));
      } catch (IOException e) {
        rc.response().setStatusCode(500).end();
      }
      return;
    }
    rc.response().setStatusCode(code).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(json));
  }

  static void sendError(RoutingContext rc, ApiException e) {
    if (!rc.response().ended() && !rc.response().headWritten()) {
      send(rc, e.code(), e.status());
    }
  }
}
