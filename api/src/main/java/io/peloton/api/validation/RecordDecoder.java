package io.peloton.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.schema.RecordShapes;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes a tree that {@link StructuralCheck} has cleaned into its record type. Every field of
 * such a tree is known and of the right JSON type, so each is read directly into the record's
 * canonical constructor; Jackson's {@code treeToValue} did the same through its general
 * machinery and was a third of admission (absent optional fields cost it most). It decodes as
 * Jackson would: lists as {@link ArrayList}, maps as {@link LinkedHashMap}, absent and null
 * fields as null.
 */
final class RecordDecoder {
  /** Reads one non-null JSON value as a model type. */
  @FunctionalInterface
  private interface Reader {
    Object read(JsonNode node) throws ReflectiveOperationException;
  }

  private static final Map<Type, Reader> READERS = new ConcurrentHashMap<>();

  private RecordDecoder() {}

  /** Decodes a cleaned tree; a record's constructor refusing its values is rethrown as is. */
  static <T> T decode(JsonNode node, Class<T> type) {
    try {
      return type.cast(node == null || node.isNull() ? null : reader(type).read(node));
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalArgumentException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private static Reader reader(Type type) {
    Reader r = READERS.get(type);
    if (r == null) {
      // not computeIfAbsent: building a reader looks up the readers of its element types
      r = build(type);
      READERS.putIfAbsent(type, r);
    }
    return r;
  }

  private static Reader build(Type type) {
    Class<?> raw = RecordShapes.raw(type);
    switch (StructuralCheck.kindOf(type, raw)) {
      case ANY -> {
        return raw == JsonNode.class ? node -> node
            : node -> Codecs.json().convertValue(node, Object.class);
      }
      case STRING -> {
        return JsonNode::textValue;
      }
      case BOOLEAN -> {
        return JsonNode::booleanValue;
      }
      case FLOAT -> {
        return raw == Float.class || raw == float.class ? JsonNode::floatValue : JsonNode::doubleValue;
      }
      case INTEGER -> {
        return raw == Long.class || raw == long.class ? JsonNode::longValue : JsonNode::intValue;
      }
      case ENUM -> {
        Map<String, Object> constants = enumConstants(raw);
        return node -> constants.get(node.textValue());
      }
      case RECORD -> {
        return new RecordReader(raw);
      }
      case LIST -> {
        // element readers are safe to build now: a record's own components are resolved lazily
        Reader elements = reader(RecordShapes.typeArgument(type, 0));
        return node -> {
          List<Object> list = new ArrayList<>(node.size());
          for (JsonNode item : node) {
            list.add(item.isNull() ? null : elements.read(item));
          }
          return list;
        };
      }
      case MAP -> {
        Class<?> key = RecordShapes.raw(RecordShapes.typeArgument(type, 0));
        Map<String, Object> keys = key.isEnum() ? enumConstants(key) : null;
        Reader values = reader(RecordShapes.typeArgument(type, 1));
        return node -> {
          Map<Object, Object> map = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            map.put(keys == null ? e.getKey() : keys.get(e.getKey()),
                v.isNull() ? null : values.read(v));
          }
          return map;
        };
      }
      default -> throw new IllegalStateException("unsupported type in the object model: " + type);
    }
  }

  private static Map<String, Object> enumConstants(Class<?> type) {
    Object[] constants = type.getEnumConstants();
    List<String> names = RecordShapes.enumNames(type);
    Map<String, Object> byName = new HashMap<>();
    for (int i = 0; i < constants.length; i++) {
      byName.put(names.get(i), constants[i]);
    }
    return byName;
  }

  /** A record: each component read from the field of its name, then the canonical constructor. */
  private static final class RecordReader implements Reader {
    private final String[] names;
    private final Type[] types;
    private final Constructor<?> constructor;
    /** Resolved on first use: a record may contain itself (a constraint's sub-constraints). */
    private volatile Reader[] readers;

    RecordReader(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      names = new String[components.length];
      types = new Type[components.length];
      Class<?>[] parameters = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName();
        types[i] = components[i].getGenericType();
        parameters[i] = components[i].getType();
      }
      try {
        constructor = type.getDeclaredConstructor(parameters);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("record without a canonical constructor: " + type, e);
      }
    }

    @Override
    public Object read(JsonNode node) throws ReflectiveOperationException {
      Reader[] r = readers;
      if (r == null) {
        r = new Reader[types.length];
        for (int i = 0; i < r.length; i++) {
          r[i] = reader(types[i]);
        }
        readers = r;
      }
      Object[] args = new Object[names.length];
      for (int i = 0; i < args.length; i++) {
        JsonNode value = node.get(names[i]);
        if (value != null && !value.isNull()) {
          args[i] = r[i].read(value);
        }
      }
      return constructor.newInstance(args);
    }
  }
}
