package io.peloton.controllers;

/** Says whether this replica handles a key (all-active sharding), so reconcilers can skip it. */
@FunctionalInterface
public interface KeyOwnership {
  boolean owns(String key);

  static KeyOwnership everything() {
    return key -> true;
  }
}
