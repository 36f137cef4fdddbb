package io.peloton.bridge.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;

/** The two encodings Mesos speaks: protobuf (the default) and JSON with proto field names. */
public enum WireEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  // Mesos looks JSON fields up by their .proto names only; camelCase would be silently dropped
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private final String mediaType;

  WireEncoding(String mediaType) {
    this.mediaType = mediaType;
  }

  /** The exact media type (Mesos compares it by string equality). */
  public String mediaType() {
    return mediaType;
  }

  /** Parses {@code protobuf} or {@code json}; a clear error otherwise. */
  public static WireEncoding parse(String text) {
    if (text == null) {
      return PROTOBUF;
    }
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "protobuf", "proto", "application/x-protobuf" -> PROTOBUF;
      case "json", "application/json" -> JSON;
      default -> throw new IllegalArgumentException(
          "encoding: must be 'protobuf' or 'json', got '" + text + "'");
    };
  }

  /** Encodes a message in this encoding. */
  public byte[] encode(Message message) {
    if (this == PROTOBUF) {
      return message.toByteArray();
    }
    try {
      return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("cannot print " + message.getDescriptorForType()
          .getFullName() + " as JSON: " + e.getMessage(), e);
    }
  }

  /** Decodes bytes into {@code builder} and returns the (possibly partial) message. */
  @SuppressWarnings("unchecked")
  public <M extends Message> M decode(byte[] bytes, Message.Builder builder) {
    try {
      if (this == PROTOBUF) {
        builder.mergeFrom(bytes);
      } else {
        PARSER.merge(new String(bytes, StandardCharsets.UTF_8), builder);
      }
      return (M) builder.buildPartial();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("cannot decode " + builder.getDescriptorForType()
          .getFullName() + " from " + this + ": " + e.getMessage(), e);
    }
  }
}
