package io.peloton.bridge;

import io.peloton.bridge.mesos.WireEncoding;
import io.peloton.client.ApiClient;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mesos-bridge}: runs one bridge replica until interrupted. */
@Command(name = "mesos-bridge", mixinStandardHelpOptions = true,
    description = "Turns bound Tasks into Mesos tasks (leader-elected; run several for HA).")
public final class MesosBridgeCommand implements Callable<Integer> {
  @Option(names = "--master", defaultValue = "http://127.0.0.1:5050",
      description = "A Mesos master URL (default ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--server", defaultValue = "http://127.0.0.1:8080",
      description = "The Peloton API server (default ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--token", description = "Bearer token for the API server.")
  String token;

  @Option(names = "--encoding", defaultValue = "protobuf",
      description = "protobuf | json (default ${DEFAULT-VALUE}).")
  String encoding;

  @Option(names = "--id", description = "This replica's identity (default: hostname-pid).")
  String id;

  @Option(names = "--role", defaultValue = "peloton", description = "Mesos role (default ${DEFAULT-VALUE}).")
  String role;

  @Option(names = "--user", defaultValue = "root", description = "User tasks run as (default ${DEFAULT-VALUE}).")
  String user;

  @Option(names = "--lease-seconds", defaultValue = "10",
      description = "Leader lease duration in seconds (default ${DEFAULT-VALUE}).")
  int leaseSeconds;

  @Override
  public Integer call() throws Exception {
    WireEncoding wire;
    try {
      wire = WireEncoding.parse(encoding);
      io.peloton.bridge.mesos.MasterAddress.parse(master);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    if (leaseSeconds < 3) {
      System.err.println("--lease-seconds: must be at least 3, got " + leaseSeconds);
      return 2;
    }
    String identity = id != null ? id : InetAddress.getLocalHost().getHostName() + "-"
        + ProcessHandle.current().pid();
    BridgeConfig config = BridgeConfig.defaults(master, identity).withEncoding(wire)
        .withLeaseDuration(Duration.ofSeconds(leaseSeconds))
        .withFramework(io.peloton.bridge.framework.FrameworkSettings.defaults().withRole(role)
            .withUser(user));
    ApiClient api = new ApiClient(server, token);
    CountDownLatch stop = new CountDownLatch(1);
    try (MesosBridge bridge = MesosBridge.start(api, config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      System.out.println("mesos-bridge " + identity + " running against " + master);
      stop.await();
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new MesosBridgeCommand()).execute(args));
  }
}
