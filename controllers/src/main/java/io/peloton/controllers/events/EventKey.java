package io.peloton.controllers.events;

import io.peloton.api.event.Event;
import io.peloton.api.event.ObjectReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What makes two Events one (Kubernetes' EventCorrelator keys): the object (kind, name and uid,
 * so a recreated object starts afresh), the reason, the type, the reporting component and the
 * message, or no message for the Event that combines similar ones. Its Event's name is derived
 * from it, so every recorder, including one restarted, counts onto the same Event.
 */
record EventKey(String namespace, ObjectReference involved, String reason,
    Event.EventType type, String component, String message) {
  /** Leaves room for the hash within the 253 characters of a name. */
  private static final int NAME_PREFIX_MAX = 200;

  /** The same key for another message (null: the combining Event). */
  EventKey withMessage(String text) {
    return new EventKey(namespace, involved, reason, type, component, text);
  }

  /** {@code <object name>.<16 hex digits of a hash of the key>}. */
  String eventName() {
    String joined = String.join("\u0000", namespace, String.valueOf(involved.kind()),
        String.valueOf(involved.name()), String.valueOf(involved.uid()), reason, type.name(),
        component, message == null ? "\u0001combined" : message);
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    String prefix = String.valueOf(involved.name()).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9.-]", "-");
    if (prefix.length() > NAME_PREFIX_MAX) {
      prefix = prefix.substring(0, NAME_PREFIX_MAX);
    }
    return prefix + "." + HexFormat.of().formatHex(digest, 0, 8);
  }
}
