package io.peloton.api.schema;

import io.peloton.api.codec.Codecs;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the JSON form of the API records looks like, read by reflection once per type: field
 * names in declaration order, enum spellings, generic element types.
 */
public final class RecordShapes {
  private static final Map<Class<?>, Map<String, RecordComponent>> FIELDS = new ConcurrentHashMap<>();
  private static final Map<Class<?>, List<String>> ENUM_NAMES = new ConcurrentHashMap<>();

  private RecordShapes() {}

  /** The JSON fields of a record class, in declaration order. */
  public static Map<String, RecordComponent> fields(Class<?> recordType) {
    return FIELDS.computeIfAbsent(recordType, c -> {
      Map<String, RecordComponent> m = new LinkedHashMap<>();
      for (RecordComponent rc : c.getRecordComponents()) {
        m.put(rc.getName(), rc);
      }
      return Collections.unmodifiableMap(m);
    });
  }

  /** The JSON spellings of an enum's constants (honouring {@code @JsonProperty}). */
  public static List<String> enumNames(Class<?> enumType) {
    return ENUM_NAMES.computeIfAbsent(enumType, c -> {
      Object[] constants = c.getEnumConstants();
      String[] names = new String[constants.length];
      for (int i = 0; i < constants.length; i++) {
        names[i] = Codecs.json().valueToTree(constants[i]).asText();
      }
      return List.of(names);
    });
  }

  public static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("unsupported type in the object model: " + type);
  }

  /** The i-th type argument of a parameterised type ({@code List<T>}, {@code Map<K, V>}). */
  public static Type typeArgument(Type type, int i) {
    if (type instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[i];
    }
    return Object.class;
  }

  public static boolean isInteger(Class<?> c) {
    return c == Integer.class || c == int.class || c == Long.class || c == long.class;
  }

  public static boolean isFloat(Class<?> c) {
    return c == Double.class || c == double.class || c == Float.class || c == float.class;
  }

  public static boolean isBoolean(Class<?> c) {
    return c == Boolean.class || c == boolean.class;
  }
}
