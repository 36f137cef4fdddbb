package io.peloton.bench.e2e;

import io.peloton.mesos.sim.MesosSimCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A simulated Mesos cluster ({@code peloton mesos-sim --executor simulated}) in a child JVM, so
 * that its heap and allocations stay out of the control plane's figures. The child exits when
 * its standard input closes, so it never outlives the benchmark, even one killed by SIGKILL.
 */
final class SimulatedClusterProcess implements AutoCloseable {
  /** What {@link MesosSimCommand} prints once it listens. */
  private static final Pattern LISTENING = Pattern.compile("mesos-sim listening on (\\S+)");

  private final Process process;
  private final String url;
  private final Path log;

  private SimulatedClusterProcess(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  /**
   * Starts {@code agents} generated agents (8 cpus, 16 GiB, 100,000 MB disk each, the command's
   * defaults) on a free port and waits until the master listens.
   */
  static SimulatedClusterProcess start(int agents, Path workDir, Duration timeout)
      throws IOException, InterruptedException {
    Path log = workDir.resolve("mesos-sim.log");
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true", "-Xmx1g",
        "-cp", System.getProperty("java.class.path"),
        SimulatedClusterProcess.class.getName(),
        "--port", "0", "--agents", Integer.toString(agents), "--executor", "simulated",
        "--work-dir", workDir.resolve("sandboxes").toString()));
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    CompletableFuture<String> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      // drain stdout for the child's whole life, so it never blocks on a full pipe
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            listening.complete(m.group(1));
          }
        }
      } catch (IOException e) {
        listening.completeExceptionally(e);
      }
      listening.completeExceptionally(new IllegalStateException("mesos-sim exited"));
    }, "mesos-sim-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return new SimulatedClusterProcess(p, listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
          log);
    } catch (ExecutionException | TimeoutException e) {
      p.destroyForcibly();
      throw new IllegalStateException("the simulated cluster did not start within " + timeout
          + " (" + (e.getCause() != null ? e.getCause().getMessage() : "timed out")
          + "); see " + log);
    }
  }

  /** The master's URL. */
  String url() {
    return url;
  }

  /** Where the child's log (stderr) goes. */
  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The child's entry point: {@code peloton mesos-sim ARGS}, ended when stdin closes. */
  public static void main(String[] args) {
    Thread parentWatch = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // nothing is sent; only the end of the stream matters
        }
      } catch (IOException ignored) {
        // the parent is gone either way
      }
      System.exit(0);
    }, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();
    System.exit(new CommandLine(new MesosSimCommand()).execute(args));
  }
}
