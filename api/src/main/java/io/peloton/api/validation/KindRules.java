package io.peloton.api.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;

/** The defaults and semantic checks of one kind. */
interface KindRules {
  /**
   * Fills in defaults on the structurally clean JSON of an object, before it is decoded (so a
   * default never hides a user's explicit value).
   */
  void applyDefaults(ObjectNode object);

  /** Checks the decoded object; adds every problem to {@code errors}. */
  void validate(ApiObject object, FieldErrors errors);

  /**
   * Whether {@link #validateStatus} checks a status on its own, so a status write (spec and
   * metadata unchanged, already admitted) need not check the whole object again.
   */
  default boolean validatesStatusAlone() {
    return false;
  }

  /** Checks a decoded status on its own (only when {@link #validatesStatusAlone()}). */
  default void validateStatus(Object status, FieldErrors errors) {
    throw new UnsupportedOperationException("no status-only rules");
  }
}
