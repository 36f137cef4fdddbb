package io.peloton.scheduler;

import io.peloton.api.time.DurationText;
import io.peloton.client.ApiClient;
import io.peloton.scheduler.service.SchedulerService;
import io.peloton.scheduler.service.SchedulerServiceConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peloton scheduler}: runs one scheduler replica (leader-elected, hot standby) against an API server. */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
    description = "Run the scheduler: entitlement, admission, placement and preemption over the API server.")
public final class SchedulerCommand implements Callable<Integer> {
  @Option(names = "--server", description = "API server URL (default ${DEFAULT-VALUE})")
  String server = "http://127.0.0.1:8080";

  @Option(names = "--token", description = "bearer token for the API server")
  String token;

  @Option(names = "--id", description = "this replica's identity on the 'scheduler' Lease (default: host name and pid)")
  String id;

  @Option(names = "--cycle-interval", description = "longest wait between cycles, e.g. 500ms, 2s (default ${DEFAULT-VALUE})")
  String cycleInterval = "1s";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Duration interval;
    try {
      interval = DurationText.parse(cycleInterval);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--cycle-interval: " + e.getMessage() + " (got '" + cycleInterval + "')");
    }
    if (interval.isZero() || interval.isNegative()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--cycle-interval: must be positive");
    }
    String identity = id == null || id.isBlank() ? defaultIdentity() : id;
    SchedulerService service = SchedulerService.start(new ApiClient(server, token),
        SchedulerServiceConfig.defaults(identity).withCycleInterval(interval));
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      done.countDown();
    }, "scheduler-shutdown"));
    spec.commandLine().getOut().printf("scheduler %s running against %s (cycle interval %s)%n", identity, server,
        DurationText.format(interval));
    spec.commandLine().getOut().flush();
    done.await();
    return 0;
  }

  private static String defaultIdentity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SchedulerCommand()).execute(args));
  }
}
