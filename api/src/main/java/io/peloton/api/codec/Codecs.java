package io.peloton.api.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON and YAML mappers every component shares, configured once. */
public final class Codecs {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .defaultPropertyInclusion(JsonInclude.Value.construct(
          JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Built on first use: a program that only speaks JSON (the CLI's get) never pays for it. */
  private static final class Yaml {
    static final YAMLMapper YAML = YAMLMapper.builder(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                // with minimized quotes a string such as "60" would read back as a number
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build())
        .defaultPropertyInclusion(JsonInclude.Value.construct(
            JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // a repeated key in a manifest is a mistake, not "last one wins" (kubectl
        // --validate=strict)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  private static final ObjectMapper TRUSTED_JSON = JSON.copy()
      .disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("shared-values")
          .addDeserializer(String.class, new SharedStrings())
          .setDeserializerModifier(new SharedValues(java.util.Set.of(
              io.peloton.api.taskconfig.TaskConfig.class,
              io.peloton.api.meta.OwnerReference.class))));

  private Codecs() {}

  /** The mapper for JSON from outside: a repeated key is an error. */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * The mapper for JSON this system wrote itself (stored values, server answers, watch events):
   * no duplicate-key detection, which costs a hash lookup per field, and records decoded with
   * repeated strings and task configs shared (see {@link SharedStrings}, {@link SharedValues}),
   * which keeps informer caches small.
   * Never for user input.
   */
  public static ObjectMapper trustedJson() {
    return TRUSTED_JSON;
  }

  public static YAMLMapper yaml() {
    return Yaml.YAML;
  }

  /**
   * Every document of a (possibly multi-document) YAML or JSON text, skipping empty ones. A
   * top-level list is read as its items, so a JSON array of objects works like a YAML stream.
   */
  public static List<JsonNode> readDocuments(String text) throws IOException {
    return readDocuments(yaml(), text);
  }

  /** {@link #readDocuments(String)} with another YAML mapper (e.g. one that allows repeats). */
  public static List<JsonNode> readDocuments(ObjectMapper yamlMapper, String text)
      throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var it = yamlMapper.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode n = it.nextValue();
        // an empty document (trailing '---', comments only) reads as "", not as null
        boolean empty = n == null || n.isNull() || n.isMissingNode()
            || (n.isTextual() && n.asText().isEmpty());
        if (!empty) {
          docs.add(n);
        }
      }
    }
    return docs;
  }
}
