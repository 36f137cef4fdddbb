package io.peloton.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-preserving, compact unmodifiable copies, so records holding collections stay immutable. */
public final class Frozen {
  private Frozen() {}

  /** Lists without nulls become compact immutable lists (the JDK's own), others a wrapped copy. */
  public static <T> List<T> list(List<T> in) {
    if (in == null) {
      return null;
    }
    if (in.isEmpty()) {
      return Collections.emptyList();
    }
    for (T t : in) {
      if (t == null) {
        return Collections.unmodifiableList(new ArrayList<>(in));
      }
    }
    return List.copyOf(in);
  }

  /** Small maps become {@link SmallMap}s (records hold many: labels, ports), larger a wrapped copy. */
  public static <K, V> Map<K, V> map(Map<K, V> in) {
    if (in == null) {
      return null;
    }
    if (in instanceof SmallMap<K, V> small) {
      return small;
    }
    if (in.isEmpty()) {
      return Collections.emptyMap();
    }
    return in.size() <= SmallMap.MAX_ENTRIES ? SmallMap.copyOf(in)
        : Collections.unmodifiableMap(new LinkedHashMap<>(in));
  }
}
