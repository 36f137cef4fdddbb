package io.peloton.mesos.sim.wire;

import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;

/** The two media types Mesos speaks, with their encoders. */
public enum WireFormat {
  JSON("application/json"),
  PROTOBUF("application/x-protobuf");

  private final String mediaType;

  WireFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The exact media type string (no parameters, as Mesos sends it). */
  public String mediaType() {
    return mediaType;
  }

  /** Encodes a message in this format. */
  public byte[] encode(Message message) {
    return this == JSON ? StoutJson.print(message).getBytes(StandardCharsets.UTF_8) : message.toByteArray();
  }

  /** Matches a request Content-Type by exact string equality, as Mesos does; null if neither. */
  public static WireFormat ofContentType(String contentType) {
    if (JSON.mediaType.equals(contentType)) {
      return JSON;
    }
    if (PROTOBUF.mediaType.equals(contentType)) {
      return PROTOBUF;
    }
    return null;
  }

  /**
   * Picks the response format from an Accept header: JSON if acceptable (or no header / wildcard),
   * else protobuf, else null (406).
   */
  public static WireFormat negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    boolean protobuf = false;
    for (String part : accept.split(",")) {
      String type = part.split(";")[0].trim().toLowerCase();
      if (type.equals("*/*") || type.equals("application/*") || type.equals("application/json")) {
        return JSON;
      }
      if (type.equals("application/x-protobuf")) {
        protobuf = true;
      }
    }
    return protobuf ? PROTOBUF : null;
  }
}
