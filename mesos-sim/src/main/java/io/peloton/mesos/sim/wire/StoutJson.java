package io.peloton.mesos.sim.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Converts protobuf messages to and from JSON the way Mesos's stout does (proto field names,
 * enums by name, int64 as numbers, explicit defaults printed), not the proto3 JSON mapping.
 */
public final class StoutJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final java.util.Set<String> SHAREABLE = java.util.Set.of("mesos.v1.Resource", "mesos.v1.Attribute");

  private StoutJson() {}

  /** Prints a message as stout JSON. */
  public static String print(MessageOrBuilder message) {
    StringBuilder out = new StringBuilder(256);
    printMessage(message, out, new IdentityHashMap<>());
    return out.toString();
  }

  /** Parses stout JSON into the builder; throws {@link JsonConversionException} with a Mesos-like message. */
  public static <B extends Message.Builder> B parse(String json, B builder) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new JsonConversionException("Malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new JsonConversionException("Expecting a JSON object");
    }
    merge(node, builder);
    return builder;
  }

  /** Parses an already-read JSON tree into the builder. */
  public static <B extends Message.Builder> B parse(JsonNode node, B builder) {
    if (node == null || !node.isObject()) {
      throw new JsonConversionException("Expecting a JSON object");
    }
    merge(node, builder);
    return builder;
  }

  /** Reads a JSON tree (for endpoints that take arrays, like machine/down). */
  public static JsonNode readTree(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null) {
        throw new JsonConversionException("Empty body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new JsonConversionException("Malformed JSON: " + e.getOriginalMessage());
    }
  }

  // ---------------------------------------------------------------- printing

  /**
   * Prints a message. {@code shared} memoises repeated-field elements by identity: an OFFERS event
   * repeats the same Resource and Attribute objects across thousands of offers.
   */
  private static void printMessage(MessageOrBuilder message, StringBuilder out, Map<Object, String> shared) {
    out.append('{');
    boolean first = true;
    for (FieldDescriptor fd : message.getDescriptorForType().getFields()) {
      if (fd.isRepeated()) {
        int count = message.getRepeatedFieldCount(fd);
        if (count == 0) {
          continue;
        }
        first = comma(first, out);
        appendKey(fd.getName(), out);
        if (fd.isMapField()) {
          printMap(message, fd, count, out, shared);
        } else {
          out.append('[');
          for (int i = 0; i < count; i++) {
            if (i > 0) {
              out.append(',');
            }
            Object element = message.getRepeatedField(fd, i);
            if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && SHAREABLE.contains(fd.getMessageType().getFullName())) {
              String cached = shared.get(element);
              if (cached == null) {
                StringBuilder one = new StringBuilder(64);
                printMessage((MessageOrBuilder) element, one, shared);
                cached = one.toString();
                shared.put(element, cached);
              }
              out.append(cached);
            } else {
              printValue(fd, element, out, shared);
            }
          }
          out.append(']');
        }
      } else if (message.hasField(fd)) {
        first = comma(first, out);
        appendKey(fd.getName(), out);
        printValue(fd, message.getField(fd), out, shared);
      } else if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE
          && fd.hasDefaultValue() && !fd.getOptions().getDeprecated()) {
        // stout prints unset fields that carry an explicit default
        first = comma(first, out);
        appendKey(fd.getName(), out);
        printValue(fd, fd.getDefaultValue(), out, shared);
      }
    }
    out.append('}');
  }

  private static void printMap(MessageOrBuilder message, FieldDescriptor fd, int count, StringBuilder out,
                               Map<Object, String> shared) {
    out.append('{');
    FieldDescriptor keyField = fd.getMessageType().findFieldByNumber(1);
    FieldDescriptor valueField = fd.getMessageType().findFieldByNumber(2);
    for (int i = 0; i < count; i++) {
      Message entry = (Message) message.getRepeatedField(fd, i);
      if (i > 0) {
        out.append(',');
      }
      appendKey(String.valueOf(entry.getField(keyField)), out);
      Object value = entry.getField(valueField);
      if (isScalarMessage(valueField)) {
        // TaskInfo.limits is written as {"cpus": 1.0}, not {"cpus": {"value": 1.0}}
        Message scalar = (Message) value;
        appendDouble((Double) scalar.getField(scalar.getDescriptorForType().findFieldByName("value")), out);
      } else {
        printValue(valueField, value, out, shared);
      }
    }
    out.append('}');
  }

  private static boolean comma(boolean first, StringBuilder out) {
    if (!first) {
      out.append(',');
    }
    return false;
  }

  private static void appendKey(String key, StringBuilder out) {
    appendString(key, out);
    out.append(':');
  }

  private static void printValue(FieldDescriptor fd, Object value, StringBuilder out, Map<Object, String> shared) {
    switch (fd.getJavaType()) {
      case MESSAGE -> printMessage((MessageOrBuilder) value, out, shared);
      case ENUM -> appendString(((EnumValueDescriptor) value).getName(), out);
      case STRING -> appendString((String) value, out);
      case BYTE_STRING -> appendString(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()), out);
      case BOOLEAN -> out.append(((Boolean) value).booleanValue());
      case DOUBLE -> appendDouble((Double) value, out);
      case FLOAT -> appendDouble(((Float) value).doubleValue(), out);
      case LONG -> {
        long v = (Long) value;
        boolean unsigned = fd.getType() == FieldDescriptor.Type.UINT64 || fd.getType() == FieldDescriptor.Type.FIXED64;
        out.append(unsigned ? Long.toUnsignedString(v) : Long.toString(v));
      }
      case INT -> {
        int v = (Integer) value;
        boolean unsigned = fd.getType() == FieldDescriptor.Type.UINT32 || fd.getType() == FieldDescriptor.Type.FIXED32;
        out.append(unsigned ? Integer.toUnsignedString(v) : Integer.toString(v));
      }
    }
  }

  private static void appendDouble(double v, StringBuilder out) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      appendString(Double.toString(v), out);
    } else {
      out.append(v);
    }
  }

  private static void appendString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  // ---------------------------------------------------------------- parsing

  private static void merge(JsonNode object, Message.Builder builder) {
    Descriptor type = builder.getDescriptorForType();
    for (FieldDescriptor fd : type.getFields()) {
      JsonNode value = object.get(fd.getName()); // proto names only: camelCase keys are ignored like stout
      if (value == null || value.isNull()) {
        continue;
      }
      if (fd.isMapField()) {
        if (!value.isObject()) {
          throw new JsonConversionException("Field '" + fd.getName() + "': expecting a JSON object");
        }
        FieldDescriptor keyField = fd.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = fd.getMessageType().findFieldByNumber(2);
        Iterator<Map.Entry<String, JsonNode>> it = value.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          Message.Builder entry = builder.newBuilderForField(fd);
          entry.setField(keyField, convertScalar(keyField, new com.fasterxml.jackson.databind.node.TextNode(e.getKey())));
          Object v;
          if (isScalarMessage(valueField) && !e.getValue().isObject()) {
            Message.Builder scalar = entry.newBuilderForField(valueField);
            FieldDescriptor valueOfScalar = scalar.getDescriptorForType().findFieldByName("value");
            scalar.setField(valueOfScalar, convertScalar(valueOfScalar, e.getValue()));
            v = scalar.build();
          } else {
            v = convert(valueField, e.getValue(), entry);
          }
          if (v != null) {
            entry.setField(valueField, v);
          }
          builder.addRepeatedField(fd, entry.build());
        }
      } else if (fd.isRepeated()) {
        if (!value.isArray()) {
          throw new JsonConversionException("Field '" + fd.getName() + "': expecting a JSON array");
        }
        for (JsonNode element : value) {
          Object v = convert(fd, element, builder);
          if (v != null) {
            builder.addRepeatedField(fd, v);
          }
        }
      } else {
        Object v = convert(fd, value, builder);
        if (v != null) {
          builder.setField(fd, v);
        }
      }
    }
  }

  private static Object convert(FieldDescriptor fd, JsonNode value, Message.Builder parent) {
    if (fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      if (!value.isObject()) {
        throw new JsonConversionException("Field '" + fd.getName() + "': expecting a JSON object");
      }
      Message.Builder child = parent.newBuilderForField(fd);
      merge(value, child);
      return child.buildPartial();
    }
    return convertScalar(fd, value);
  }

  private static Object convertScalar(FieldDescriptor fd, JsonNode value) {
    String name = fd.getName();
    try {
      switch (fd.getJavaType()) {
        case ENUM -> {
          if (!value.isTextual()) {
            throw new JsonConversionException("Field '" + name + "': expecting an enum name");
          }
          EnumValueDescriptor ev = fd.getEnumType().findValueByName(value.asText());
          if (ev == null) {
            if (fd.isRequired()) {
              throw new JsonConversionException("Field '" + name + "': unknown enum value '" + value.asText() + "'");
            }
            return null; // stout drops unknown enum names in optional fields
          }
          return ev;
        }
        case STRING -> {
          if (!value.isTextual()) {
            throw new JsonConversionException("Field '" + name + "': expecting a string");
          }
          return value.asText();
        }
        case BYTE_STRING -> {
          if (!value.isTextual()) {
            throw new JsonConversionException("Field '" + name + "': expecting a base64 string");
          }
          return ByteString.copyFrom(Base64.getDecoder().decode(value.asText()));
        }
        case BOOLEAN -> {
          if (!value.isBoolean()) {
            throw new JsonConversionException("Field '" + name + "': expecting a boolean");
          }
          return value.asBoolean();
        }
        case DOUBLE, FLOAT -> {
          double d;
          if (value.isNumber()) {
            d = value.asDouble();
          } else if (value.isTextual()) {
            d = switch (value.asText()) {
              case "Infinity" -> Double.POSITIVE_INFINITY;
              case "-Infinity" -> Double.NEGATIVE_INFINITY;
              default -> Double.parseDouble(value.asText());
            };
          } else {
            throw new JsonConversionException("Field '" + name + "': expecting a number");
          }
          return fd.getJavaType() == FieldDescriptor.JavaType.FLOAT ? (Object) (float) d : (Object) d;
        }
        case LONG -> {
          if (value.isIntegralNumber()) {
            return value.asLong();
          }
          if (value.isTextual()) {
            return Long.parseLong(value.asText());
          }
          throw new JsonConversionException("Field '" + name + "': expecting an integer");
        }
        case INT -> {
          if (value.isIntegralNumber()) {
            return value.asInt();
          }
          if (value.isTextual()) {
            return Integer.parseInt(value.asText());
          }
          throw new JsonConversionException("Field '" + name + "': expecting an integer");
        }
        default -> throw new JsonConversionException("Field '" + name + "': unsupported type");
      }
    } catch (IllegalArgumentException e) {
      if (e instanceof JsonConversionException j) {
        throw j;
      }
      throw new JsonConversionException("Field '" + name + "': " + e.getMessage());
    }
  }

  private static boolean isScalarMessage(FieldDescriptor fd) {
    return fd.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && fd.getMessageType().getFullName().endsWith("Value.Scalar");
  }

  /** Lists missing required fields the way protobuf does, for Mesos-style error messages. */
  public static String missingRequired(Message.Builder builder) {
    List<String> errors = builder.findInitializationErrors();
    return String.join(", ", errors);
  }
}
