package io.peloton.client.informer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A dotted path into a typed object, such as {@code spec.host} or {@code metadata.labels.app}:
 * record components by name, map entries by key. Reads scalars as text (enums by name).
 */
public final class FieldPath {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_\\-./]+");
  private static final Map<Class<?>, Map<String, Method>> ACCESSORS = new ConcurrentHashMap<>();

  private final String text;
  private final List<String> segments;

  private FieldPath(String text, List<String> segments) {
    this.text = text;
    this.segments = segments;
  }

  /** Parses a path; an empty path or segment is an IllegalArgumentException naming it. */
  public static FieldPath parse(String path) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("field path is empty");
    }
    List<String> segments = List.of(path.split("\\.", -1));
    for (String s : segments) {
      if (s.isEmpty() || !SEGMENT.matcher(s).matches()) {
        throw new IllegalArgumentException("invalid field path '" + path
            + "': segments must be non-empty names separated by '.'");
      }
    }
    return new FieldPath(path, segments);
  }

  /**
   * The values at this path: empty when any step is absent, one value for a scalar, every
   * element's value for a collection.
   */
  public List<String> read(Object root) {
    Object at = root;
    for (int i = 0; i < segments.size() && at != null; i++) {
      String segment = segments.get(i);
      if (at instanceof Map<?, ?> map) {
        Object direct = map.get(segment);
        if (direct == null && i < segments.size() - 1) {
          // map keys may contain dots (label keys like peloton.io/job): try the rest whole
          direct = map.get(String.join(".", segments.subList(i, segments.size())));
          if (direct != null) {
            return scalars(direct);
          }
        }
        at = direct;
      } else if (at.getClass().isRecord()) {
        at = component(at, segment);
      } else {
        return List.of();
      }
    }
    return at == null ? List.of() : scalars(at);
  }

  private static List<String> scalars(Object value) {
    if (value instanceof Collection<?> c) {
      List<String> out = new ArrayList<>(c.size());
      for (Object o : c) {
        if (o != null && !(o instanceof Map) && !o.getClass().isRecord()) {
          out.add(scalar(o));
        }
      }
      return out;
    }
    if (value instanceof Map || value.getClass().isRecord()) {
      return List.of(); // not a scalar: nothing to index
    }
    return List.of(scalar(value));
  }

  private static String scalar(Object o) {
    return o instanceof Enum<?> e ? e.name() : o.toString();
  }

  private static Object component(Object record, String name) {
    Method accessor = ACCESSORS.computeIfAbsent(record.getClass(), FieldPath::accessorsOf)
        .get(name);
    if (accessor == null) {
      return null;
    }
    try {
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + name + " of "
          + record.getClass().getSimpleName(), e);
    }
  }

  private static Map<String, Method> accessorsOf(Class<?> type) {
    Map<String, Method> out = new ConcurrentHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      Method m = c.getAccessor();
      m.setAccessible(true);
      out.put(c.getName(), m);
    }
    return out;
  }

  @Override
  public String toString() {
    return text;
  }
}
