package io.peloton.pelotonctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code logs} and {@code task logs} against a real HTTP server that answers the Task
 * {@code log} subresource as the contract says (the API server's side is built separately):
 * bytes as text/plain, 404 and 503 as Status.
 */
class LogsTest {
  private static final String BASE = "/apis/peloton.io/v1/namespaces/default/";
  private HttpServer server;
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final CountDownLatch followed = new CountDownLatch(1);
  private final CountDownLatch runEnds = new CountDownLatch(1);

  @BeforeEach
  void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    runEnds.countDown();
    server.stop(0);
  }

  private void answer(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    asked.add(query == null ? path : path + "?" + query);
    if (path.equals(BASE + "jobs/web")) {
      send(ex, 200, "application/json", "{\"apiVersion\":\"peloton.io/v1\",\"kind\":\"Job\","
          + "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{}}");
    } else if (path.equals(BASE + "tasks/web-0/log")) {
      if (query != null && query.contains("follow=true")) {
        ex.getResponseHeaders().add("Content-Type", "text/plain");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
          out.write("first\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          followed.countDown();
          await(runEnds);
          out.write("second\n".getBytes(StandardCharsets.UTF_8));
        }
      } else {
        send(ex, 200, "text/plain", query.contains("stream=stderr") ? "oops\n"
            : query.contains("run=1") ? "old run\n" : "hello\nwörld\n");
      }
    } else if (path.equals(BASE + "tasks/far-0/log")) {
      send(ex, 503, "application/json", status(503, "ServiceUnavailable",
          "agent h1 (http://127.0.0.1:5051) cannot be reached: connection refused"));
    } else {
      send(ex, 404, "application/json", status(404, "NotFound",
          "tasks.peloton.io \\\"nosuch-0\\\" has no sandbox"));
    }
  }

  private static String status(int code, String reason, String message) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"message\":\""
        + message + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
  }

  private static void send(HttpExchange ex, int code, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(code, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Map<String, String> env() {
    return Map.of("PELOTON_SERVER", "http://127.0.0.1:" + server.getAddress().getPort(),
        "PELOTONCONFIG", "/nonexistent");
  }

  private CliHarness.Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PelotonCtl.execute(args, env(), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliHarness.Result(code, out.toString(), err.toString());
  }

  @Test
  void logsPrintsTheStreamAndRunAsked() {
    CliHarness.Result r = run("logs", "web-0");
    assertEquals(0, r.code(), r::toString);
    assertEquals("hello\nwörld\n", r.out());
    assertEquals("oops\n", run("logs", "task/web-0", "--stderr").out());
    assertEquals("old run\n", run("task", "logs", "web", "0", "--run", "1").out());
    run("logs", "web-0", "--tail", "5");
    assertEquals(List.of(BASE + "tasks/web-0/log?stream=stdout",
        BASE + "tasks/web-0/log?stream=stderr", BASE + "jobs/web",
        BASE + "tasks/web-0/log?stream=stdout&run=1",
        BASE + "tasks/web-0/log?stream=stdout&tailLines=5"), asked);
  }

  @Test
  void followPrintsWhatArrivesUntilTheRunEnds() throws Exception {
    StringWriter out = new StringWriter();
    int[] code = {-1};
    Thread t = new Thread(() -> code[0] = PelotonCtl.execute(
        new String[] {"logs", "-f", "web-0"}, env(), new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)));
    t.start();
    assertTrue(followed.await(30, TimeUnit.SECONDS));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> out.toString().equals("first\n"));
    runEnds.countDown();
    t.join(30_000);
    assertEquals(0, code[0]);
    assertEquals("first\nsecond\n", out.toString());
  }

  @Test
  void noSandboxAndUnreachableAgentAreOneLineErrors() {
    CliHarness.Result missing = run("logs", "nosuch-0");
    assertEquals(1, missing.code());
    assertEquals("", missing.out());
    assertEquals("Error from server (NotFound): tasks.peloton.io \"nosuch-0\" has no sandbox\n",
        missing.err());
    CliHarness.Result far = run("logs", "far-0");
    assertEquals(1, far.code());
    assertEquals("Error from server (ServiceUnavailable): agent h1 (http://127.0.0.1:5051) "
        + "cannot be reached: connection refused\n", far.err());
    CliHarness.Result notTask = run("logs", "job/web");
    assertEquals(2, notTask.code(), notTask::toString);
  }
}
