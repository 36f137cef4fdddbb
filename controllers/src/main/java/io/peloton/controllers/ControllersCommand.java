package io.peloton.controllers;

import io.peloton.api.time.DurationText;
import io.peloton.client.ApiClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code controllers}: runs the job, pool, maintenance and GC controllers on an API server. */
@Command(name = "controllers", mixinStandardHelpOptions = true,
    description = "Run the Peloton-K controllers (jobs, resource pools, host maintenance, "
        + "garbage collection) against an API server.")
public final class ControllersCommand implements Callable<Integer> {
  @Option(names = "--server", defaultValue = "http://127.0.0.1:8080",
      description = "API server URL (default: ${DEFAULT-VALUE})")
  String server;

  @Option(names = "--workers", defaultValue = "4",
      description = "reconcile threads per controller (default: ${DEFAULT-VALUE})")
  int workers;

  @Option(names = "--id", description = "this replica's id; replicas with ids share the work "
      + "(lower-case letters, digits and '-')")
  String id;

  @Option(names = "--token", description = "bearer token for the API server")
  String token;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--restart-backoff", defaultValue = "30s", description = "first restart delay "
      + "of a failed SERVICE task, doubling per failure, e.g. 2s, 500ms (default: ${DEFAULT-VALUE})")
  String restartBackoff;

  @Option(names = "--restart-backoff-max", defaultValue = "60m",
      description = "cap of the SERVICE restart delay (default: ${DEFAULT-VALUE})")
  String restartBackoffMax;

  @Override
  public Integer call() throws Exception {
    if (workers < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--workers must be at least 1, got " + workers);
    }
    if (id != null && !id.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--id '" + id
          + "' must be lower-case letters, digits and '-', starting and ending alphanumeric");
    }
    Duration base = duration("--restart-backoff", restartBackoff);
    Duration max = duration("--restart-backoff-max", restartBackoffMax);
    if (max.compareTo(base) < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--restart-backoff-max ("
          + restartBackoffMax + ") must not be below --restart-backoff (" + restartBackoff + ")");
    }
    ControllerConfig config = ControllerConfig.defaults().withWorkers(workers).withMemberId(id)
        .withRestartBackoff(base, max);
    ApiClient api;
    try {
      api = new ApiClient(server, token, Duration.ofSeconds(30));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--server '" + server
          + "' is not a URL: " + e.getMessage());
    }
    CountDownLatch stop = new CountDownLatch(1);
    Controllers manager;
    try {
      manager = Controllers.start(api, config);
    } catch (IllegalStateException e) {
      System.err.println("controllers: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      manager.close();
      stop.countDown();
    }, "controllers-shutdown"));
    stop.await();
    return 0;
  }

  private Duration duration(String option, String text) {
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " '" + text
          + "': " + e.getMessage());
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ControllersCommand()).execute(args));
  }
}
