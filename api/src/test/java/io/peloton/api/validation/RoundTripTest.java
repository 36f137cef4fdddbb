package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(ResourceTypes.RESOURCE_POOL, "resourcepool.yaml"),
        Arguments.of(ResourceTypes.JOB, "job.yaml"),
        Arguments.of(ResourceTypes.TASK, "task.yaml"),
        Arguments.of(ResourceTypes.HOST, "host.yaml"),
        Arguments.of(ResourceTypes.HOST_MAINTENANCE, "hostmaintenance.yaml"),
        Arguments.of(ResourceTypes.EVENT, "event.yaml"),
        Arguments.of(ResourceTypes.LEASE, "lease.yaml"));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everyKindSurvivesJsonAndYaml(ResourceType type, String file) throws Exception {
    JsonNode normalized = Samples.admitted(type, Samples.text(file));
    ApiObject record = Codecs.json().treeToValue(normalized, type.javaType());
    assertNotNull(record.metadata().name());

    String json = Codecs.json().writeValueAsString(record);
    assertEquals(record, Codecs.json().readValue(json, type.javaType()));

    String yaml = Codecs.yaml().writeValueAsString(record);
    assertEquals(record, Codecs.yaml().readValue(yaml, type.javaType()));
    JsonNode fromYaml = Codecs.readDocuments(yaml).get(0);
    assertTrue(normalized.equals(RoundTripTest::compareNumbersByValue, fromYaml),
        () -> "YAML round trip changed " + normalized + " into " + fromYaml);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void admissionIsIdempotent(ResourceType type, String file) {
    JsonNode once = Samples.admitted(type, Samples.text(file));
    Admitted twice = ObjectAdmission.admit(type, once);
    assertTrue(twice.ok(), () -> twice.errors().toString());
    assertEquals(once, twice.object());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void outputKeepsRecordFieldOrder(ResourceType type, String file) {
    JsonNode normalized = Samples.admitted(type, Samples.text(file));
    var names = normalized.fieldNames();
    assertEquals("apiVersion", names.next());
    assertEquals("kind", names.next());
    assertEquals("metadata", names.next());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void sampleValuesArePreserved(ResourceType type, String file) {
    JsonNode input = Samples.yaml(Samples.text(file));
    JsonNode normalized = Samples.admitted(type, Samples.text(file));
    assertContains(input, normalized, "");
  }

  /** Equal when equal as JSON, numbers compared by value (an int 1 equals a long 1). */
  static int compareNumbersByValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  }

  /** Every value given in the input appears unchanged (numerically) in the output. */
  private static void assertContains(JsonNode in, JsonNode out, String path) {
    if (in.isObject()) {
      in.fields().forEachRemaining(e ->
          assertContains(e.getValue(), out.get(e.getKey()), path + "." + e.getKey()));
    } else if (in.isArray()) {
      for (int i = 0; i < in.size(); i++) {
        assertContains(in.get(i), out.get(i), path + "[" + i + "]");
      }
    } else if (in.isNumber()) {
      assertNotNull(out, path);
      assertEquals(in.asDouble(), out.asDouble(), 0, path);
    } else {
      assertEquals(in, out, path);
    }
  }
}
