package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import io.peloton.api.codec.Codecs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecordDecoderTest {
  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> samples() {
    return RoundTripTest.samples();
  }

  /** Every sample (nested records, enums, enum-keyed maps, lists of records) as Jackson reads it. */
  @ParameterizedTest
  @MethodSource("samples")
  void decodesAsJacksonDoes(ResourceType type, String file) throws Exception {
    JsonNode admitted = Samples.admitted(type, Samples.text(file));
    ApiObject expected = Codecs.json().treeToValue(admitted, type.javaType());

    ApiObject decoded = RecordDecoder.decode(admitted, type.javaType());

    assertEquals(expected, decoded);
    assertEquals(Codecs.json().valueToTree(expected), Codecs.json().valueToTree(decoded),
        "the same JSON once encoded again");
    assertNotNull(decoded.metadata().name());
  }

  @org.junit.jupiter.api.Test
  void absentAndNullFieldsAreNull() {
    JsonNode tree = Samples.yaml("""
        apiVersion: peloton.io/v1
        kind: Task
        metadata: {name: t-0, labels: null}
        spec: {job: t, instance: 0, config: null}
        """);
    var task = RecordDecoder.decode(tree, io.peloton.api.task.Task.class);
    assertEquals(null, task.metadata().labels());
    assertEquals(null, task.spec().config());
    assertEquals(null, task.status());
    assertEquals(0, task.spec().instance());
  }
}
