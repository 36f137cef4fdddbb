package io.peloton.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks JSON bytes our own serialiser wrote, reporting byte offsets and decoding only the values
 * asked for: hot paths (the watch cache reads every stored value, a binding edits every bound
 * Task) need a few fields of a 1.5 KB object, and a tokenising parser spends most of its time
 * on the rest. Input it does not expect throws {@link IllegalArgumentException}; callers then
 * take a full parse.
 */
public final class JsonCursor {
  private final byte[] json;
  private int pos;
  private int fieldStart;
  private int nameStart;
  private int nameEnd;

  public JsonCursor(byte[] json) {
    this.json = json;
  }

  /** A field name (or any ASCII fragment) as the bytes {@link #nameIs} compares. */
  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Offset of the next significant byte. */
  public int position() {
    skipWhitespace();
    return pos;
  }

  /** The next significant byte, not consumed. */
  public byte peek() {
    skipWhitespace();
    if (pos >= json.length) {
      throw fail("unexpected end");
    }
    return json[pos];
  }

  public void enterObject() {
    expect('{');
  }

  public void enterArray() {
    expect('[');
  }

  /**
   * Moves to the next field of the object being read, leaving the cursor at its value; false,
   * past the closing brace, when there is none.
   */
  public boolean nextField() {
    if (!more('}')) {
      return false;
    }
    if (json[pos] != '"') {
      throw fail("expected a field name");
    }
    fieldStart = pos;
    nameStart = pos + 1;
    pos = endOfString(pos);
    nameEnd = pos - 1;
    expect(':');
    skipWhitespace();
    return true;
  }

  /**
   * Moves to the named field of the object being read, skipping the fields before it and leaving
   * the cursor at its value; false, past the closing brace, when the object has no such field.
   */
  public boolean findField(byte[] name) {
    while (nextField()) {
      if (nameIs(name)) {
        return true;
      }
      skipValue();
    }
    return false;
  }

  /** Skips the rest of the object being read, past its closing brace. */
  public void exitObject() {
    while (nextField()) {
      skipValue();
    }
  }

  /** Moves to the next element of the array being read; false, past the bracket, when none. */
  public boolean nextElement() {
    return more(']');
  }

  /** Steps over a separating comma; false, past it, at the closing {@code close}. */
  private boolean more(char close) {
    if (peek() == ',') {
      pos++;
    }
    if (peek() == close) {
      pos++;
      return false;
    }
    return true;
  }

  /** Offset of the current field's opening quote. */
  public int fieldStart() {
    return fieldStart;
  }

  /** Whether the current field's name is exactly these ASCII bytes. */
  public boolean nameIs(byte[] ascii) {
    return Arrays.equals(json, nameStart, nameEnd, ascii, 0, ascii.length);
  }

  public String name() {
    return decode(nameStart, nameEnd);
  }

  /** The current value as a string, or null for JSON null; any other value throws. */
  public String stringValue() {
    byte c = peek();
    if (c == 'n') {
      literal("null");
      return null;
    }
    if (c != '"') {
      throw fail("expected a string");
    }
    int from = pos + 1;
    pos = endOfString(pos);
    return decode(from, pos - 1);
  }

  /** The current value as an integer; anything else (a fraction, an exponent) throws. */
  public long longValue() {
    int from = position();
    skipScalar();
    try {
      return Long.parseLong(new String(json, from, pos - from, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      throw fail("expected an integer");
    }
  }

  /** Skips the current value, however deep. */
  public void skipValue() {
    byte c = peek();
    if (c == '"') {
      pos = endOfString(pos);
    } else if (c == '{' || c == '[') {
      skipNested();
    } else {
      skipScalar();
    }
  }

  private void skipNested() {
    int depth = 0;
    while (pos < json.length) {
      byte c = json[pos];
      if (c == '"') {
        pos = endOfString(pos);
        continue;
      }
      pos++;
      if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return;
      }
    }
    throw fail("unterminated value");
  }

  private void skipScalar() {
    int from = pos;
    while (pos < json.length) {
      byte c = json[pos];
      if (c == ',' || c == '}' || c == ']' || (c <= ' ' && c >= 0)) {
        break;
      }
      pos++;
    }
    if (pos == from) {
      throw fail("expected a value");
    }
  }

  /** The offset just past the closing quote of the string opening at {@code open}. */
  private int endOfString(int open) {
    int i = open + 1;
    while (i < json.length) {
      byte c = json[i];
      if (c == '"') {
        return i + 1;
      }
      i += c == '\\' ? 2 : 1;
    }
    throw fail("unterminated string");
  }

  private String decode(int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      byte c = json[i];
      if (c == '\\') {
        return unescape(from, to);
      }
      ascii &= c >= 0;
    }
    return new String(json, from, to - from,
        ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /** Escapes are rare in our objects: Jackson reads the quoted string. */
  private String unescape(int from, int to) {
    try (JsonParser p = Codecs.trustedJson().getFactory().createParser(json, from - 1,
        to - from + 2)) {
      p.nextToken();
      return p.getText();
    } catch (IOException e) {
      throw fail("bad string escape");
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (pos + i >= json.length || json[pos + i] != word.charAt(i)) {
        throw fail("expected " + word);
      }
    }
    pos += word.length();
  }

  private void expect(char c) {
    if (peek() != c) {
      throw fail("expected '" + c + "'");
    }
    pos++;
  }

  private void skipWhitespace() {
    while (pos < json.length && json[pos] <= ' ' && json[pos] >= 0) {
      pos++;
    }
  }

  private IllegalArgumentException fail(String what) {
    return new IllegalArgumentException(what + " at byte " + pos);
  }
}
