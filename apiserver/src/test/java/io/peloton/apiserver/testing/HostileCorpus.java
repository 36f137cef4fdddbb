package io.peloton.apiserver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The hostile-request corpus in {@code src/test/resources/hostile/}; what answers must be. */
public final class HostileCorpus {
  private HostileCorpus() {}

  /** A corpus file's entries: its lines, without blank ones and # comments. */
  public static List<String> lines(String file) {
    try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/" + file)) {
      if (in == null) {
        throw new IllegalStateException("no corpus file " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A raw request line with {@code \r}, {@code \n}, {@code \\} and {@code \xNN} escapes. */
  public static byte[] unescape(String line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '\\' || i + 1 >= line.length()) {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      char e = line.charAt(++i);
      switch (e) {
        case 'r' -> out.write('\r');
        case 'n' -> out.write('\n');
        case 'x' -> {
          out.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> out.write(e);
      }
    }
    return out.toByteArray();
  }

  /** Objects the corpus's PUT, PATCH and DELETE requests aim at. */
  public static void seed(RestClient rest) {
    String pool = "{\"apiVersion\":\"peloton.io/v1\",\"kind\":\"ResourcePool\",\"metadata\":"
        + "{\"name\":\"fzp\"},\"spec\":{\"parent\":\"/\",\"resources\":[{\"kind\":\"cpu\","
        + "\"reservation\":1,\"limit\":2,\"share\":1}]}}";
    String job = "{\"apiVersion\":\"peloton.io/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":"
        + "\"fz\"},\"spec\":{\"type\":\"BATCH\",\"respool\":\"/pool\",\"instanceCount\":1,"
        + "\"defaultConfig\":{\"resource\":{\"cpuLimit\":1,\"memLimitMb\":64},\"command\":"
        + "{\"value\":\"true\"}}}}";
    assertEquals(201, rest.post("/apis/peloton.io/v1/resourcepools", pool, "application/json")
        .code());
    assertEquals(201, rest.post("/apis/peloton.io/v1/namespaces/fuzz/jobs", job,
        "application/json").code());
  }

  /**
   * What is wrong with an error answer, or null: it must be a Status with the answer's code, a
   * client error (4xx), and an Invalid one names the field of each cause.
   */
  public static String statusProblem(int code, JsonNode status) {
    if (code >= 500) {
      return "server error " + code + ": " + status;
    }
    if (!"Status".equals(status.path("kind").asText()) || status.path("code").asInt() != code) {
      return code + " without a matching Status: " + status;
    }
    if (status.path("message").asText().isEmpty()) {
      return code + " Status without a message: " + status;
    }
    JsonNode causes = status.at("/details/causes");
    if ("Invalid".equals(status.path("reason").asText()) && causes.isEmpty()) {
      return "Invalid without causes: " + status;
    }
    for (JsonNode cause : causes) {
      if (cause.path("field").asText().isEmpty() && !cause.path("reason").asText()
          .equals("FieldValueTypeInvalid")) {
        return "a cause without a field: " + status;
      }
    }
    return null;
  }

  /** The server still answers reads and writes. */
  public static void assertStillServing(RestClient rest) {
    assertEquals(200, rest.get("/readyz").code());
    assertEquals(200, rest.get("/apis/peloton.io/v1/namespaces/fuzz/jobs").code());
    String name = "alive-" + System.nanoTime();
    assertEquals(201, rest.post("/apis/peloton.io/v1/resourcepools",
        "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"parent\":\"/\",\"resources\":"
            + "[{\"kind\":\"cpu\",\"reservation\":1,\"limit\":2,\"share\":1}]}}",
        "application/json").code());
  }
}
