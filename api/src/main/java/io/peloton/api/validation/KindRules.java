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

  /** Checks the decoded object, its status through {@link #validateStatus}; adds every problem. */
  void validate(ApiObject object, FieldErrors errors);

  /**
   * Checks a decoded status on its own. A status write keeps spec and metadata as stored (they
   * were admitted then), so it is checked by this alone.
   */
  void validateStatus(Object status, FieldErrors errors);
}
