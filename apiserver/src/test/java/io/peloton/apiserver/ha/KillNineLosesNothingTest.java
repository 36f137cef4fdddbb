package io.peloton.apiserver.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peloton.apiserver.ApiServerCommand;
import io.peloton.apiserver.testing.RestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An API server process killed with SIGKILL right after answering 201 loses no object. */
class KillNineLosesNothingTest {
  @TempDir
  Path dir;

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  Process startServer(String store, int port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m",
        "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
        "-cp", System.getProperty("java.class.path"), ApiServerCommand.class.getName(),
        "--store", store, "--port", Integer.toString(port))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server-" + System.nanoTime() + ".log").toFile())
        .start();
  }

  static void awaitReady(RestClient rest) {
    await().atMost(60, TimeUnit.SECONDS).ignoreExceptions()
        .until(() -> rest.get("/readyz").code() == 200);
  }

  @Test
  void acknowledgedCreatesSurviveSigkill() throws Exception {
    String store = "sqlite:" + dir.resolve("crash.db");
    int port = freePort();
    RestClient rest = new RestClient("http://127.0.0.1:" + port);
    Process server = startServer(store, port);
    List<String> uids = new ArrayList<>();
    try {
      awaitReady(rest);
      for (int i = 0; i < 25; i++) {
        RestClient.Response r = rest.post("/apis/peloton.io/v1/resourcepools", """
            {"apiVersion":"peloton.io/v1","kind":"ResourcePool","metadata":{"name":"p%d"},
             "spec":{"parent":"/","resources":[{"kind":"cpu","reservation":1,"limit":2}]}}"""
            .formatted(i), "application/json");
        assertEquals(201, r.code(), r.body());
        uids.add(r.json().at("/metadata/uid").asText());
      }
    } finally {
      server.destroyForcibly(); // SIGKILL, straight after the last 201
      server.waitFor(30, TimeUnit.SECONDS);
    }

    Process restarted = startServer(store, port);
    try {
      awaitReady(rest);
      for (int i = 0; i < 25; i++) {
        RestClient.Response r = rest.get("/apis/peloton.io/v1/resourcepools/p" + i);
        assertEquals(200, r.code(), "p" + i + " was acknowledged but is gone");
        assertEquals(uids.get(i), r.json().at("/metadata/uid").asText());
      }
      assertEquals(25, rest.get("/apis/peloton.io/v1/resourcepools").json().get("items").size());
    } finally {
      restarted.destroyForcibly();
      restarted.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
