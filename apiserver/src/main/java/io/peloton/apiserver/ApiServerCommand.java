package io.peloton.apiserver;

import io.peloton.apiserver.http.HttpLimits;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peloton apiserver}: runs an API server until interrupted. */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
    description = "Run the API server (REST and gRPC on one port).")
public final class ApiServerCommand implements Callable<Integer> {
  @Option(names = "--store", defaultValue = "sqlite:.peloton/apiserver.db",
      description = "Store URL: sqlite:FILE or etcd://HOST:PORT[,HOST:PORT] (default: ${DEFAULT-VALUE}).")
  String store;

  @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--compaction-interval", defaultValue = "PT5M",
      description = "How often store history is compacted, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration compactionInterval;

  @Option(names = "--idle-timeout", defaultValue = "PT90S",
      description = "Close a kept-alive connection with no request in flight after this, ISO-8601"
          + " (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--header-timeout", defaultValue = "PT30S",
      description = "A new connection must send its request head within this"
          + " (default: ${DEFAULT-VALUE}).")
  Duration headerTimeout;

  @Option(names = "--body-timeout", defaultValue = "PT60S",
      description = "A request body must arrive within this of its head, else 408"
          + " (default: ${DEFAULT-VALUE}).")
  Duration bodyTimeout;

  @Option(names = "--max-connections", defaultValue = "512",
      description = "Connections open at once; more are closed (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  /** Runs the API server alone (the launcher's {@code peloton apiserver} does the same). */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new ApiServerCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    ApiServer server;
    try {
      server = ApiServer.start(ApiServerConfig.defaults(store, port).withHost(host)
          .withCompactionInterval(compactionInterval)
          .withLimits(new HttpLimits(idleTimeout, headerTimeout, bodyTimeout, maxConnections)));
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    System.out.println("peloton apiserver listening on " + server.url() + " (store " + store + ")");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "apiserver-shutdown"));
    stopped.await();
    return 0;
  }
}
