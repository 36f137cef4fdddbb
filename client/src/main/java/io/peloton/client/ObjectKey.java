package io.peloton.client;

import io.peloton.api.ApiObject;

/**
 * Identifies one object of a kind: {@code namespace/name}, or just {@code name} for a
 * cluster-scoped object (namespace null).
 */
public record ObjectKey(String namespace, String name) implements Comparable<ObjectKey> {
  public ObjectKey {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("an object key needs a name");
    }
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
  }

  public static ObjectKey of(String namespace, String name) {
    return new ObjectKey(namespace, name);
  }

  /** The key of a cluster-scoped object. */
  public static ObjectKey cluster(String name) {
    return new ObjectKey(null, name);
  }

  public static ObjectKey of(ApiObject object) {
    return new ObjectKey(object.metadata().namespace(), object.metadata().name());
  }

  /** Parses {@code ns/name} or {@code name}. */
  public static ObjectKey parse(String text) {
    int slash = text.indexOf('/');
    return slash < 0 ? cluster(text) : of(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public int compareTo(ObjectKey o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return namespace == null ? name : namespace + "/" + name;
  }
}
