package io.peloton.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Null-preserving unmodifiable copies, so records holding collections stay immutable. */
public final class Frozen {
  private Frozen() {}

  public static <T> List<T> list(List<T> in) {
    return in == null ? null : Collections.unmodifiableList(new ArrayList<>(in));
  }

  public static <K, V> Map<K, V> map(Map<K, V> in) {
    return in == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(in));
  }
}
