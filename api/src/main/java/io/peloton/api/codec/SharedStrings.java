package io.peloton.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/**
 * Decodes strings through a small direct-mapped cache, so equal values read at different times
 * (namespaces, job names, labels, commands, hosts, timestamps) share one String. Caches of
 * thousands of decoded objects hold mostly such repeats; unique values just pass through. The
 * cache is bounded: a slot keeps the last string that hashed to it.
 */
final class SharedStrings extends StdScalarDeserializer<String> {
  private static final int LONGEST = 128;
  private final CanonicalTable<String> table = new CanonicalTable<>(1 << 14);

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
    return s.length() > LONGEST ? s : table.canonical(s);
  }
}
