package io.peloton.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.peloton.api.task.Task;
import org.junit.jupiter.api.Test;

class TrustedJsonTest {
  private static final String TASK = """
      {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"web-%d","namespace":"prod"},
       "spec":{"job":"web","instance":%d,"config":{"command":{"value":"sleep 10"},
         "resource":{"cpuLimit":0.5}}}}""";

  @Test
  void decodedRecordsShareRepeatedStringsAndConfigs() throws Exception {
    Task a = Codecs.trustedJson().readValue(TASK.formatted(1, 1), Task.class);
    Task b = Codecs.trustedJson().readValue(TASK.formatted(2, 2), Task.class);
    assertSame(a.metadata().namespace(), b.metadata().namespace());
    assertSame(a.spec().config(), b.spec().config());
    assertEquals("web-2", b.metadata().name());

    Task c = Codecs.json().readValue(TASK.formatted(3, 3), Task.class);
    assertNotSame(a.spec().config(), c.spec().config(), "user input is decoded as it is");
    assertEquals(a.spec().config(), c.spec().config());
  }

  @Test
  void onlyUserInputIsCheckedForRepeatedKeys() throws Exception {
    String twice = "{\"a\":1,\"a\":2}";
    assertThrows(JsonProcessingException.class, () -> Codecs.json().readTree(twice));
    assertEquals(2, Codecs.trustedJson().readTree(twice).get("a").asInt());
  }
}
