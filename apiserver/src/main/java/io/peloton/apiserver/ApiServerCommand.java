package io.peloton.apiserver;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** PLACEHOLDER: {@code peloton apiserver}. */
@Command(name = "apiserver", description = "Run the API server.")
public final class ApiServerCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
