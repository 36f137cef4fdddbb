package io.peloton.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecsTest {
  @Test
  void readsEveryNonEmptyDocumentOfAStream() throws IOException {
    List<JsonNode> docs = Codecs.readDocuments("a: 1\n---\n---\nb: 2\n");
    assertEquals(2, docs.size());
    assertEquals(2, docs.get(1).path("b").asInt());
    assertEquals(1, Codecs.readDocuments("{\"a\": 1}").size(), "JSON is YAML");
    assertEquals(1, Codecs.readDocuments("---\na: 1\n---\n# only a comment\n").size());
  }

  @Test
  void duplicateKeysAreRejectedInYamlAndJson() {
    assertThrows(IOException.class, () -> Codecs.readDocuments("a: 1\na: 2\n"));
    assertThrows(IOException.class, () -> Codecs.json().readTree("{\"a\":1,\"a\":2}"));
  }

  @Test
  void yamlOutputQuotesStringsThatWouldReadBackAsSomethingElse() throws IOException {
    ObjectNode n = Codecs.json().createObjectNode();
    n.put("port", "60").put("flag", "true").put("yes", "yes").put("none", "null")
        .put("exp", "1e3").put("status", "True");
    String yaml = Codecs.yaml().writeValueAsString(n);
    assertEquals(n, Codecs.readDocuments(yaml).get(0), yaml);
    assertTrue(!yaml.startsWith("---"), "no document start marker");
  }

  @Test
  void nullsAreLeftOutOfOutput() throws IOException {
    record Sample(String a, String b) {}
    assertEquals("{\"a\":\"x\"}", Codecs.json().writeValueAsString(new Sample("x", null)));
    assertEquals("a: x\n", Codecs.yaml().writeValueAsString(new Sample("x", null)));
  }
}
