package io.peloton.controllers;

import io.peloton.api.meta.ObjectMeta;
import java.util.ArrayList;
import java.util.List;

/** Finalizer edits on metadata, returning new immutable metadata. */
public final class ObjectMetas {
  private ObjectMetas() {}

  public static boolean hasFinalizer(ObjectMeta m, String finalizer) {
    return m.finalizers() != null && m.finalizers().contains(finalizer);
  }

  public static ObjectMeta withFinalizer(ObjectMeta m, String finalizer) {
    List<String> f = m.finalizers() == null ? new ArrayList<>() : new ArrayList<>(m.finalizers());
    if (!f.contains(finalizer)) {
      f.add(finalizer);
    }
    return m.withFinalizers(f);
  }

  public static ObjectMeta withoutFinalizer(ObjectMeta m, String finalizer) {
    List<String> f = m.finalizers() == null ? new ArrayList<>() : new ArrayList<>(m.finalizers());
    f.remove(finalizer);
    return m.withFinalizers(f);
  }
}
