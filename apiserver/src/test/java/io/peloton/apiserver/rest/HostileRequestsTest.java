package io.peloton.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.http.HttpLimits;
import io.peloton.apiserver.testing.HostileCorpus;
import io.peloton.apiserver.testing.RawHttp;
import io.peloton.apiserver.testing.RestClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays a corpus of hostile REST requests (kept in {@code src/test/resources/hostile/}) over
 * real sockets: every one must be answered with a 2xx, or with a 4xx Status (an Invalid one
 * naming its fields), never a 5xx; and the server must keep serving. The gRPC corpus is replayed
 * by {@link io.peloton.apiserver.grpc.HostileGrpcRequestsTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {
  @TempDir
  static Path dir;
  ApiServer server;
  RestClient rest;

  @BeforeAll
  void start() {
    server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("fuzz.db"), 0)
        .withWatchTimeout(Duration.ofMillis(200))
        .withLimits(new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(2),
            Duration.ofSeconds(2), 512)));
    rest = new RestClient(server.url());
    HostileCorpus.seed(rest);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyHostileRequestGetsAClientErrorStatusAndTheServerKeepsServing() {
    List<String> failures = new ArrayList<>();
    int count = 0;
    for (String line : HostileCorpus.lines("rest-requests.tsv")) {
      String[] f = line.split("\t", -1);
      String problem = check(exchange(request(f[0], f[1], f[2], f[3])), f[0].equals("HEAD"));
      if (problem != null) {
        failures.add(abbreviated(String.join(" ", f)) + " -> " + problem);
      }
      count++;
    }
    for (String line : HostileCorpus.lines("raw-requests.txt")) {
      // Vert.x answers protocol upgrades (WebSocket, h2c) itself, before any handler: bare
      boolean bare = line.startsWith("PRI") || line.contains("Upgrade:");
      String problem = check(exchange(HostileCorpus.unescape(line)), bare);
      if (problem != null) {
        failures.add(abbreviated(line) + " -> " + problem);
      }
      count++;
    }
    assertTrue(count > 600, "the corpus is smaller than expected: " + count);
    assertTrue(failures.isEmpty(), failures.size() + " of " + count + " hostile requests were"
        + " not answered with a client error Status:\n" + String.join("\n", failures));
    HostileCorpus.assertStillServing(rest);
  }

  /** A request line of the corpus as HTTP/1.1 bytes; content type "-" sends none. */
  private static byte[] request(String method, String path, String contentType, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder().append(method).append(' ').append(path)
        .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    if (!contentType.equals("-")) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    if (body.length > 0 || !method.equals("GET")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    request.writeBytes(body);
    return request.toByteArray();
  }

  /**
   * What is wrong with an answer, or null when it is a 2xx or a proper client-error Status.
   *
   * @param bare whether a client error may come without a body (HEAD; protocol upgrades)
   */
  private static String check(byte[] raw, boolean bare) {
    byte[] response = raw;
    String text = new String(response, StandardCharsets.ISO_8859_1);
    while (text.startsWith("HTTP/1.1 100 ")) { // an interim answer to Expect: 100-continue
      int end = text.indexOf("\r\n\r\n") + 4;
      text = text.substring(end);
      response = java.util.Arrays.copyOfRange(response, end, response.length);
    }
    if (text.isEmpty()) {
      return null; // the server closed the connection: refused, as it may for garbage
    }
    if (!text.startsWith("HTTP/")) {
      return bare ? null : "not an HTTP answer: " + abbreviated(text);
    }
    int code = Integer.parseInt(text.substring(9, 12));
    int split = text.indexOf("\r\n\r\n");
    String headers = text.substring(0, Math.max(0, split)).toLowerCase(Locale.ROOT);
    if (code < 400) {
      return code >= 200 ? null : "answered " + code;
    }
    String body = split < 0 ? "" : new String(response, split + 4, response.length - split - 4,
        StandardCharsets.UTF_8);
    if (headers.contains("transfer-encoding: chunked")) {
      body = dechunked(body);
    }
    if (bare && code < 500) {
      return null;
    }
    if (!headers.contains("content-type: application/json")) {
      return code + " without a JSON Status: " + abbreviated(text);
    }
    return HostileCorpus.statusProblem(code, RestClient.parse(body));
  }

  private static String dechunked(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < body.length()) {
      int eol = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(body, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }

  private byte[] exchange(byte[] request) {
    return RawHttp.exchange(server.port(), request, Duration.ofSeconds(30));
  }

  static String abbreviated(String s) {
    String one = s.replace("\r", "\\r").replace("\n", "\\n");
    return one.length() <= 160 ? one : one.substring(0, 160) + "...";
  }

  @Test
  void theCorpusHoldsTheReportedCases() {
    String corpus = String.join("\n", HostileCorpus.lines("rest-requests.tsv"));
    for (String reported : new String[] {"labelSelector=%\t", "labelSelector=%zz",
        "{\"preconditions\":\"x\"}", "propagationPolicy\":\"Nope", "18446744073709551616"}) {
      assertTrue(corpus.contains(reported), reported);
    }
  }
}
