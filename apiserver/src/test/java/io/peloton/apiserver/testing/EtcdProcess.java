package io.peloton.apiserver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture: a real etcd run as a child process on free loopback ports with a temporary data
 * directory ({@code --unsafe-no-fsync}, so it is fast). Tests are skipped when no etcd binary is
 * installed ({@code /usr/bin/etcd}, or env {@code ETCD_BIN}).
 */
public final class EtcdProcess implements AutoCloseable {
  private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
  private static EtcdProcess shared;

  private final Path binary;
  private final Path dataDir;
  private final Path log;
  private final int clientPort;
  private final int peerPort;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private EtcdProcess(Path binary) throws IOException {
    this.binary = binary;
    this.dataDir = Files.createTempDirectory("etcd-test-");
    this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    this.clientPort = freePort();
    int peer = freePort();
    while (peer == clientPort) {
      peer = freePort();
    }
    this.peerPort = peer;
  }

  /** The etcd binary this machine has, or a skipped test (assumption) when there is none. */
  public static Path binary() {
    String override = System.getenv("ETCD_BIN");
    Path binary = Path.of(override == null || override.isBlank() ? "/usr/bin/etcd" : override);
    Assumptions.assumeTrue(Files.isExecutable(binary),
        "etcd binary " + binary + " not found: install etcd-server or set ETCD_BIN");
    return binary;
  }

  /** Starts a new etcd (stop it when done). */
  public static EtcdProcess start() {
    try {
      EtcdProcess etcd = new EtcdProcess(binary());
      etcd.launch();
      return etcd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One etcd shared by every test class of this JVM, stopped at JVM exit; give each test its own
   * key prefix. Restarted if a test killed it.
   */
  public static synchronized EtcdProcess shared() {
    if (shared == null) {
      shared = start();
      EtcdProcess stopAtExit = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(stopAtExit::stop, "etcd-test-stop"));
    } else if (!shared.isRunning()) {
      shared.restart();
    }
    return shared;
  }

  private void launch() throws IOException {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    ProcessBuilder builder = new ProcessBuilder(List.of(binary.toString(),
        "--name", "test",
        "--data-dir", dataDir.toString(),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "test=" + peer,
        "--unsafe-no-fsync"))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = builder.start();
    awaitHealthy();
  }

  private void awaitHealthy() {
    long deadline = System.nanoTime() + READY_DEADLINE.toNanos();
    HttpRequest health = HttpRequest.newBuilder(URI.create(endpoint() + "/health"))
        .timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("true")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for etcd", e);
      }
      try {
        // polling a child process's readiness, not a test assertion
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for etcd", e);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("etcd not healthy within " + READY_DEADLINE + "; see " + log);
  }

  /** The client URL, e.g. {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  /** The store URL, e.g. {@code etcd://127.0.0.1:PORT}. */
  public String storeUrl() {
    return "etcd://127.0.0.1:" + clientPort;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills etcd abruptly (SIGKILL), keeping its data for {@link #restart()}. */
  public void kill() {
    if (process != null) {
      process.destroyForcibly();
      awaitExit();
    }
  }

  /** Starts etcd again on the same ports and data (after {@link #kill()}). */
  public void restart() {
    kill();
    try {
      launch();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops etcd and deletes its data. */
  public void stop() {
    if (process != null) {
      process.destroy();
      awaitExit();
    }
    deleteRecursively(dataDir);
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitExit() {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // temp data: best effort
    }
  }
}
