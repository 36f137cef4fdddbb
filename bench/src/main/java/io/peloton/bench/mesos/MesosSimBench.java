package io.peloton.bench.mesos;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: {@code peloton bench mesos-sim}. */
@Command(name = "mesos-sim", description = "PLACEHOLDER")
public final class MesosSimBench implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
