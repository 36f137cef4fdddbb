package io.peloton.bridge.logs;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.bridge.mesos.WireEncoding;
import io.peloton.bridge.testing.BridgeFixture;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Task {@code log} subresource end to end: the bridge records where each run's sandbox is,
 * the API server reads it through the (simulated) agent's {@code /files/read}, and the tasks
 * are real processes writing real files.
 */
class TaskLogSubresourceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir
  Path sandboxes;
  private BridgeFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = BridgeFixture.start(2, sandboxes);
    f.bridge("b1", WireEncoding.PROTOBUF);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private HttpResponse<String> log(String task, String query) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(f.server.url()
            + "/apis/peloton.io/v1/namespaces/default/tasks/" + task + "/log" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitState(String task, TaskState state) {
    await().atMost(DEADLINE).until(() -> {
      Task t = f.task(task);
      return t.status() != null && t.status().state() == state;
    });
  }

  private static JsonNode status(HttpResponse<String> r) throws Exception {
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        r.body());
    JsonNode s = Codecs.json().readTree(r.body());
    assertEquals("Status", s.path("kind").asText(), r.body());
    return s;
  }

  @Test
  void aFailedRunsStdoutAndStderrAreReadThroughTheApiServer() throws Exception {
    f.createTask("crash", 0, "agent-1", "SUCCEEDED",
        "echo starting; echo line2; echo config file missing >&2; exit 3");
    awaitState("crash-0", TaskState.FAILED);

    HttpResponse<String> out = log("crash-0", "");
    assertEquals(200, out.statusCode(), out.body());
    assertTrue(out.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertEquals("starting\nline2\n", out.body());
    HttpResponse<String> err = log("crash-0", "?stream=stderr");
    assertEquals(200, err.statusCode(), err.body());
    assertEquals("config file missing\n", err.body());
    assertEquals("line2\n", log("crash-0", "?tailLines=1").body());
    assertEquals("", log("crash-0", "?tailLines=0").body());

    // an earlier run stays readable after the next one started
    f.patchSpec("crash-0", "{\"runId\":2}");
    await().atMost(DEADLINE).until(() -> f.task("crash-0").status().runId() == 2);
    awaitState("crash-0", TaskState.FAILED);
    assertEquals("config file missing\n", log("crash-0", "?stream=stderr&run=1").body());
    assertEquals(200, log("crash-0", "?run=2").statusCode());
    HttpResponse<String> unknownRun = log("crash-0", "?run=7");
    assertEquals(404, unknownRun.statusCode());
    assertTrue(status(unknownRun).path("message").asText().contains("known runs: 2, 1"),
        unknownRun.body());
  }

  @Test
  void unknownTasksTasksNeverLaunchedAndBadParametersAreClientErrors() throws Exception {
    HttpResponse<String> missing = log("nosuch-0", "");
    assertEquals(404, missing.statusCode());
    assertEquals("NotFound", status(missing).path("reason").asText());

    f.createTask("waiting", 0, null, "RUNNING", "sleep 30");
    HttpResponse<String> unlaunched = log("waiting-0", "");
    assertEquals(404, unlaunched.statusCode());
    assertTrue(status(unlaunched).path("message").asText().contains("no sandbox yet"));

    HttpResponse<String> badStream = log("waiting-0", "?stream=stdlog");
    assertEquals(400, badStream.statusCode());
    assertTrue(status(badStream).path("message").asText().startsWith("stream:"));
    assertEquals(400, log("waiting-0", "?tailLines=-1").statusCode());
    assertEquals(400, log("waiting-0", "?run=x").statusCode());
  }

  @Test
  void anAgentThatCannotBeReachedIsA503NamingIt() throws Exception {
    f.createTask("gone", 0, "agent-1", "SUCCEEDED", "echo bye");
    awaitState("gone-0", TaskState.SUCCEEDED);
    assertEquals("bye\n", log("gone-0", "").body());
    String agentUrl = f.task("gone-0").status().sandbox().agentUrl();
    f.sim.close(); // the agent's HTTP endpoint goes away with the simulator

    HttpResponse<String> down = log("gone-0", "");
    assertEquals(503, down.statusCode(), down.body());
    JsonNode s = status(down);
    assertEquals("ServiceUnavailable", s.path("reason").asText());
    assertTrue(s.path("message").asText().contains("agent agent-1 (" + agentUrl + ")"),
        down.body());
  }

  @Test
  void followStreamsAppendedBytesUntilTheRunEnds() throws Exception {
    f.createTask("chatty", 0, "agent-1", "SUCCEEDED",
        "echo first; sleep 3; echo second; sleep 1; echo third");
    awaitState("chatty-0", TaskState.RUNNING);
    HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(f.server.url()
            + "/apis/peloton.io/v1/namespaces/default/tasks/chatty-0/log?follow=true")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    assertEquals("first", lines.readLine());
    // the first line arrived while the task still ran: it was streamed, not read at the end
    assertFalse(f.task("chatty-0").status().state().isTerminal());
    CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
      try {
        return lines.readLine() + "\n" + lines.readLine() + "\n" + lines.readLine();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    // the response ends (null after the last line) once the run has ended
    assertEquals("second\nthird\nnull",
        rest.get(DEADLINE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
    awaitState("chatty-0", TaskState.SUCCEEDED);
  }
}
