package io.peloton.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCursorTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void skipsNestedValuesWithBracesAndQuotesInsideStrings() {
    String json = "{\"a\":{\"x\":[1,{\"y\":\"}]\\\"{\"}],\"z\":null},\"b\" : \"bé\\u00e9\\n\","
        + " \"c\":-12,\"d\":true}";
    JsonCursor c = new JsonCursor(utf8(json));
    c.enterObject();
    List<String> names = new ArrayList<>();
    String b = null;
    long cValue = 0;
    while (c.nextField()) {
      names.add(c.name());
      if (c.nameIs(utf8("b"))) {
        b = c.stringValue();
      } else if (c.nameIs(utf8("c"))) {
        cValue = c.longValue();
      } else {
        c.skipValue();
      }
    }
    assertEquals(List.of("a", "b", "c", "d"), names);
    assertEquals("béé\n", b);
    assertEquals(-12, cValue);
    assertEquals(json.getBytes(StandardCharsets.UTF_8).length, c.position());
  }

  @Test
  void reportsOffsetsOfFieldsAndValues() {
    byte[] json = utf8("{\"m\":{\"rv\":\"7\",\"g\":3},\"l\":[{\"t\":\"A\"},{\"t\":\"B\"}]}");
    JsonCursor c = new JsonCursor(json);
    c.enterObject();
    assertTrue(c.nextField());
    c.enterObject();
    assertTrue(c.nextField());
    assertEquals(6, c.fieldStart());
    c.skipValue();
    assertTrue(c.nextField());
    int at = c.position();
    assertEquals(3, c.longValue());
    assertEquals("3", new String(json, at, c.position() - at, StandardCharsets.US_ASCII));
    assertFalse(c.nextField());
    assertTrue(c.nextField());
    c.enterArray();
    List<String> types = new ArrayList<>();
    while (c.nextElement()) {
      c.enterObject();
      while (c.nextField()) {
        types.add(c.stringValue());
      }
    }
    assertEquals(List.of("A", "B"), types);
    assertFalse(c.nextField());
  }

  @Test
  void findsAFieldOrLeavesTheObjectAndExitsTheRest() {
    JsonCursor c = new JsonCursor(utf8(
        "{\"a\":{\"x\":1,\"y\":{\"z\":[2]},\"w\":3},\"b\":{\"x\":4},\"c\":\"end\"}"));
    c.enterObject();
    assertTrue(c.findField(JsonCursor.ascii("a")));
    c.enterObject();
    assertTrue(c.findField(JsonCursor.ascii("y")));
    c.skipValue();
    c.exitObject(); // past "w" and a's closing brace
    assertTrue(c.nextField());
    assertEquals("b", c.name());
    c.enterObject();
    assertFalse(c.findField(JsonCursor.ascii("missing"))); // past b's closing brace
    assertTrue(c.findField(JsonCursor.ascii("c")));
    assertEquals("end", c.stringValue());
    assertFalse(c.nextField());
  }

  @Test
  void readsNullAsNoStringAndRefusesWhatItDoesNotExpect() {
    JsonCursor nulls = new JsonCursor(utf8("{\"a\":null}"));
    nulls.enterObject();
    nulls.nextField();
    assertNull(nulls.stringValue());

    JsonCursor number = new JsonCursor(utf8("{\"a\":1}"));
    number.enterObject();
    number.nextField();
    assertThrows(IllegalArgumentException.class, number::stringValue);

    JsonCursor fraction = new JsonCursor(utf8("{\"a\":1.5}"));
    fraction.enterObject();
    fraction.nextField();
    assertThrows(IllegalArgumentException.class, fraction::longValue);

    JsonCursor cut = new JsonCursor(utf8("{\"a\":{\"b\":[1,2"));
    cut.enterObject();
    cut.nextField();
    assertThrows(IllegalArgumentException.class, cut::skipValue);

    assertThrows(IllegalArgumentException.class, () -> new JsonCursor(utf8("[1]")).enterObject());
  }
}
