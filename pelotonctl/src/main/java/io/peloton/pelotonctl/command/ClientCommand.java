package io.peloton.pelotonctl.command;

import io.peloton.client.ApiClient;
import io.peloton.pelotonctl.PelotonCtl;
import io.peloton.pelotonctl.config.Connection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that talks to the API server shares: streams, settings and a client. */
public abstract class ClientCommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

  private Connection connection;
  private ApiClient client;

  /** This command's picocli model (its streams, its parent). */
  public CommandSpec spec() {
    return spec;
  }

  protected PelotonCtl root() {
    return (PelotonCtl) spec.root().userObject();
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  protected Connection connection() {
    if (connection == null) {
      connection = root().connection();
    }
    return connection;
  }

  public String namespace() {
    return connection().namespace();
  }

  public ApiClient client() {
    if (client == null) {
      root().prepareTransport(connection());
      // a CLI run is short: plain-http requests skip the JDK HTTP client's cold start
      client = ApiClient.quickStart(connection().server(), connection().token());
    }
    return client;
  }

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } finally {
      out().flush();
      err().flush();
    }
  }

  protected abstract int run() throws Exception;
}
