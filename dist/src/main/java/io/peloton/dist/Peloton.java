package io.peloton.dist;

import io.peloton.apiserver.ApiServerCommand;
import io.peloton.bench.BenchCommand;
import io.peloton.bridge.MesosBridgeCommand;
import io.peloton.controllers.ControllersCommand;
import io.peloton.mesos.sim.MesosSimCommand;
import io.peloton.scheduler.SchedulerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code peloton} launcher: one binary, one subcommand per component. */
@Command(name = "peloton", mixinStandardHelpOptions = true, version = "peloton 0.1.0",
    description = "Peloton-K: a unified resource scheduler for Apache Mesos, driven the Kubernetes way.",
    subcommands = {UpCommand.class, ApiServerCommand.class, ControllersCommand.class,
        SchedulerCommand.class, MesosBridgeCommand.class, MesosSimCommand.class,
        BenchCommand.class})
public final class Peloton {
  public static void main(String[] args) {
    int code = new CommandLine(new Peloton()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
