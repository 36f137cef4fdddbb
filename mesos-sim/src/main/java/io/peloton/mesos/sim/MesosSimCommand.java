package io.peloton.mesos.sim;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: {@code peloton mesos-sim}. */
@Command(name = "mesos-sim", description = "Run a simulated Mesos master and agents.")
public final class MesosSimCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
