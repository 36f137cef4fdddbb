package io.peloton.pelotonctl;

import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real API server on a temporary SQLite store, and pelotonctl run in-process against it. */
final class CliHarness implements AutoCloseable {
  /** What one pelotonctl run printed and returned. */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  final Path dir;
  private ApiServer server;
  final Map<String, String> env = new HashMap<>();

  CliHarness(Path dir) {
    this.dir = dir;
    this.server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("t.db"), 0));
    env.put("PELOTON_SERVER", server.url());
    env.put("HOME", dir.toString());
    env.put("PELOTONCONFIG", dir.resolve("config").toString());
  }

  String url() {
    return server.url();
  }

  ApiServer server() {
    return server;
  }

  /** Stops the server and starts a new one on the same store file and port. */
  void restartServer() {
    int port = server.port();
    server.close();
    server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("t.db"), port));
  }

  void stopServer() {
    server.close();
  }

  /** Starts the server again on {@code port}, over the same store. */
  void startServer(int port) {
    server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("t.db"), port));
  }

  /** A second server over the same store on another port (only while the first is stopped). */
  ApiServer sideServer() {
    return ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("t.db"), 0));
  }

  Result run(String... args) {
    return runWithInput("", args);
  }

  Result runWithInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PelotonCtl.execute(args, env, new ByteArrayInputStream(
        stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
        new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** A run whose output can be read while it is still going (for -w). */
  static final class Background {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final Thread thread;
    volatile Integer code;

    Background(Map<String, String> env, String... args) {
      thread = new Thread(() -> code = PelotonCtl.execute(args, env,
          new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
          new PrintWriter(err, true)), "pelotonctl-bg");
      thread.setDaemon(true);
      thread.start();
    }

    String out() {
      return out.toString();
    }

    void stop() throws InterruptedException {
      thread.interrupt();
      thread.join(30_000);
    }
  }

  Background background(String... args) {
    return new Background(new HashMap<>(env), args);
  }

  /** Peloton's example files, read where the project keeps them: shared/ beside the repository. */
  static Path examples(String file) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path dir = p.resolve("shared").resolve("peloton-examples");
      if (java.nio.file.Files.isDirectory(dir)) {
        return dir.resolve(file);
      }
    }
    throw new IllegalStateException("shared/peloton-examples not found above "
        + Path.of("").toAbsolutePath());
  }

  static Path manifests() {
    return Path.of("..", "manifests");
  }

  @Override
  public void close() {
    server.close();
  }
}
