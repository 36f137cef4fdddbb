package io.peloton.client.informer;

import java.util.Collection;

/** Computes the values under which a named index files an object (none: not indexed). */
@FunctionalInterface
public interface IndexFunction<T> {
  Collection<String> values(T object);
}
