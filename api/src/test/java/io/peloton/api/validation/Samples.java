package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceType;
import io.peloton.api.codec.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Test inputs: the sample object of each kind, and YAML snippets. */
final class Samples {
  private Samples() {}

  static String text(String file) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode yaml(String text) {
    try {
      List<JsonNode> docs = Codecs.readDocuments(text);
      assertEquals(1, docs.size(), "one YAML document expected");
      return docs.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Admitted admit(ResourceType type, String yaml) {
    return ObjectAdmission.admit(type, yaml(yaml));
  }

  /** Admits and asserts success, showing the errors when it fails. */
  static JsonNode admitted(ResourceType type, String yaml) {
    Admitted a = admit(type, yaml);
    assertTrue(a.ok(), () -> "unexpected errors: " + a.errors());
    return a.object();
  }

  /** Admits and returns the errors as "field: message" lines. */
  static List<String> errors(ResourceType type, String yaml) {
    Admitted a = admit(type, yaml);
    assertTrue(!a.ok(), "expected errors, got none");
    return a.errors().stream().map(FieldError::toString).collect(Collectors.toList());
  }

  /** The one error on {@code field}; fails when there is none or several. */
  static FieldError errorOn(Admitted a, String field) {
    List<FieldError> on = a.errors().stream().filter(e -> e.field().equals(field)).toList();
    assertEquals(1, on.size(), () -> "errors on " + field + " in " + a.errors());
    return on.get(0);
  }

  /** A minimal valid batch job with extra spec lines appended (indented by 2). */
  static String job(String specLines) {
    return """
        apiVersion: peloton.io/v1
        kind: Job
        metadata:
          name: batch1
        spec:
          respool: /DefaultResPool
          instanceCount: 3
          defaultConfig:
            resource: {cpuLimit: 1, memLimitMb: 64}
            command: {value: echo hi}
        """ + specLines.indent(2);
  }
}
