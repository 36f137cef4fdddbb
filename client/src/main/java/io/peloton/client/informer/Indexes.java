package io.peloton.client.informer;

import io.peloton.api.ApiObject;
import java.util.List;
import java.util.Map;

/** Ready-made index functions: by label value, by namespace, by any field path. */
public final class Indexes {
  private Indexes() {}

  /** Files an object under the value of one label (objects without the label: not indexed). */
  public static <T extends ApiObject> IndexFunction<T> byLabel(String labelKey) {
    return o -> {
      Map<String, String> labels = o.metadata() == null ? null : o.metadata().labels();
      String v = labels == null ? null : labels.get(labelKey);
      return v == null ? List.of() : List.of(v);
    };
  }

  /** Files an object under its namespace. */
  public static <T extends ApiObject> IndexFunction<T> byNamespace() {
    return o -> o.metadata() == null || o.metadata().namespace() == null ? List.of()
        : List.of(o.metadata().namespace());
  }

  /** Files an object under the value(s) at a field path, e.g. {@code spec.host}. */
  public static <T extends ApiObject> IndexFunction<T> byField(String path) {
    FieldPath field = FieldPath.parse(path);
    return field::read;
  }
}
