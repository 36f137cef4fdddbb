package io.peloton.apiserver.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.testing.RawHttp;
import io.peloton.apiserver.testing.RestClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle, slow and stalled clients cannot hold the server: connections that send nothing, stop in
 * their request head or body, or idle after an answer are closed; connections above the limit
 * are closed at once; a quiet watch is no idle connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionGuardTest {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_CONNECTIONS = 6;
  /** A deadline plus the guard's scan interval, with room for a loaded machine. */
  static final Duration WITHIN = Duration.ofSeconds(15);

  @TempDir
  static Path dir;
  ApiServer server;

  @BeforeAll
  void start() {
    server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("c.db"), 0)
        .withInstances(1)
        .withLimits(new HttpLimits(TIMEOUT, TIMEOUT, TIMEOUT, MAX_CONNECTIONS)));
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private Socket open(String send) throws IOException {
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout((int) WITHIN.toMillis() * 2);
    s.getOutputStream().write(send.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
    return s;
  }

  private static String untilClosed(Socket s) throws IOException {
    return new String(RawHttp.untilClosed(s), StandardCharsets.ISO_8859_1);
  }

  private void assertClosedWithin(String send, Duration atLeast) throws IOException {
    long start = System.nanoTime();
    try (Socket s = open(send)) {
      String answer = untilClosed(s);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(atLeast) >= 0, "closed after " + took + ": " + answer);
      assertTrue(took.compareTo(WITHIN) < 0, "closed only after " + took);
    }
  }

  @Test
  void aConnectionThatSendsNothingIsClosed() throws IOException {
    assertClosedWithin("", TIMEOUT.dividedBy(2));
  }

  @Test
  void aRequestHeadThatNeverEndsIsClosed() throws IOException {
    assertClosedWithin("GET /healthz HTTP/1.1\r\nHost: x\r\n", TIMEOUT.dividedBy(2));
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedAfterItsAnswer() throws IOException {
    long start = System.nanoTime();
    try (Socket s = open("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")) {
      String answer = untilClosed(s);
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(WITHIN) < 0);
    }
  }

  @Test
  void aBodyThatStopsIs408AndClosed() throws IOException {
    try (Socket s = open("POST /apis/peloton.io/v1/resourcepools HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"meta")) {
      String answer = untilClosed(s);
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("\"kind\":\"Status\""), answer);
    }
  }

  @Test
  void aQuietWatchOutlivesTheIdleTimeout() {
    RestClient rest = new RestClient(server.url());
    try (RestClient.Watch w = rest.watch("/apis/peloton.io/v1/resourcepools?watch=1")) {
      await().during(TIMEOUT.multipliedBy(3)).atMost(TIMEOUT.multipliedBy(5))
          .until(() -> !w.ended);
      assertEquals(200, w.code);
    }
  }

  @Test
  void connectionsAboveTheLimitAreClosedAndTheServerKeepsServing() throws IOException {
    List<Socket> sockets = new ArrayList<>();
    int served = 0;
    int refused = 0;
    try {
      for (int i = 0; i < MAX_CONNECTIONS + 4; i++) {
        // keep-alive: each connection stays open after its answer
        Socket s = open("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        sockets.add(s);
        byte[] head = new byte[12];
        int n = s.getInputStream().readNBytes(head, 0, head.length);
        if (n == head.length && new String(head, StandardCharsets.ISO_8859_1)
            .startsWith("HTTP/1.1 200")) {
          served++;
        } else {
          refused++;
        }
      }
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
    assertTrue(served <= MAX_CONNECTIONS, "served " + served + " connections");
    assertTrue(refused >= 4, "refused only " + refused);
    RestClient rest = new RestClient(server.url());
    await().atMost(WITHIN).until(() -> rest.get("/healthz").code() == 200);
  }
}
