package io.peloton.mesos.sim.testing;

import static org.awaitility.Awaitility.await;

import io.peloton.mesos.sim.MesosSimCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code peloton mesos-sim} in a JVM of its own (this class's {@link #main}), for what needs a
 * real process: SIGKILL of the simulator, and its environment as tasks could inherit it.
 */
public final class SimulatorJvm implements AutoCloseable {
  private final Process process;
  private final Path log;
  public final int port;

  private SimulatorJvm(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new MesosSimCommand()).execute(args));
  }

  /** Starts {@code mesos-sim --port <free> <args>} with more environment, until it listens. */
  public static SimulatorJvm start(Path log, Map<String, String> env, String... args) {
    int port = freePort();
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        SimulatorJvm.class.getName(), "--port", Integer.toString(port)));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    pb.environment().putAll(env);
    try {
      SimulatorJvm jvm = new SimulatorJvm(pb.start(), log, port);
      await("mesos-sim listening").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> jvm.output().contains("listening on") || !jvm.process.isAlive());
      if (!jvm.process.isAlive()) {
        throw new IllegalStateException("mesos-sim exited: " + jvm.output());
      }
      return jvm;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code mesos-sim <args>} to its end (e.g. {@code --cleanup}); returns its output. */
  public static String run(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SimulatorJvm.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("mesos-sim " + args[0] + " did not finish");
    }
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** SIGKILL: shutdown hooks do not run. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill9();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
