package io.peloton.bench.api;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: {@code peloton bench api}. */
@Command(name = "api", description = "PLACEHOLDER")
public final class ApiBench implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
