package io.peloton.bench.scheduler;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: {@code peloton bench scheduler}. */
@Command(name = "scheduler", description = "PLACEHOLDER")
public final class SchedulerBench implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
