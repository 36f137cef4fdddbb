package io.peloton.controllers.events;

import io.peloton.api.event.Event;
import io.peloton.api.event.ObjectReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What makes two Events one (Kubernetes' EventCorrelator key, without the message): the object
 * (kind, name and uid, so a recreated object starts afresh), the reason, the type and the
 * reporting component. Its Event's name is derived from it, so every recorder, including one
 * restarted, counts onto the same Event.
 */
record EventKey(String namespace, ObjectReference involved, String reason,
    Event.EventType type, String component) {
  /** Leaves room for the hash within the 253 characters of a name. */
  private static final int NAME_PREFIX_MAX = 200;

  /** {@code <object name>.<16 hex digits of a hash of the key>}. */
  String eventName() {
    String joined = String.join("\u0000", namespace, String.valueOf(involved.kind()),
        String.valueOf(involved.name()), String.valueOf(involved.uid()), reason, type.name(),
        component);
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
