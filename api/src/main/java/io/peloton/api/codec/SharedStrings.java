package io.peloton.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Decodes strings through a small direct-mapped cache, so equal values read at different times
 * (namespaces, job names, labels, commands, hosts, timestamps) share one String. Caches of
 * thousands of decoded objects hold mostly such repeats; unique values just pass through. The
 * cache is bounded: a slot keeps the last string that hashed to it.
 */
final class SharedStrings extends StdScalarDeserializer<String> {
  private static final int SLOTS = 1 << 14;
  private static final int LONGEST = 128;
  private final AtomicReferenceArray<String> slots = new AtomicReferenceArray<>(SLOTS);

  SharedStrings() {
    super(String.class);
  }

  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return StringDeserializer.instance.deserialize(p, ctxt);
    }
    return shared(p.getText());
  }

  String shared(String s) {
    if (s.length() > LONGEST) {
      return s;
    }
    int slot = s.hashCode() & (SLOTS - 1);
    String known = slots.get(slot);
    if (s.equals(known)) {
      return known;
    }
    slots.lazySet(slot, s);
    return s;
  }
}
