package io.peloton.client.testing;

import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.client.ApiClient;
import java.time.Duration;

/**
 * A real in-process API server over a real store, restartable on the same store and port (so a
 * client pointed at it sees a restart, not a new server).
 */
public final class ApiServerFixture implements AutoCloseable {
  private final String storeUrl;
  private ApiServer server;
  private int port;

  private ApiServerFixture(String storeUrl) {
    this.storeUrl = storeUrl;
  }

  /** Starts a server on the store, on a free port. */
  public static ApiServerFixture start(String storeUrl) {
    ApiServerFixture f = new ApiServerFixture(storeUrl);
    f.server = ApiServer.start(config(storeUrl, 0));
    f.port = f.server.port();
    return f;
  }

  private static ApiServerConfig config(String storeUrl, int port) {
    // frequent bookmarks so tests can see them; everything else as in production
    return ApiServerConfig.defaults(storeUrl, port).withBookmarkInterval(Duration.ofMillis(300));
  }

  public ApiServer server() {
    return server;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public String storeUrl() {
    return storeUrl;
  }

  public ApiClient client() {
    return new ApiClient(url(), null, Duration.ofSeconds(30));
  }

  /** Stops the server (its clients see connections drop and refused). */
  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** Starts the server again on the same store and port. */
  public void startAgain() {
    if (server == null) {
      server = ApiServer.start(config(storeUrl, port));
    }
  }

  /**
   * Runs {@code work} against a second server on the same store but another port, while this
   * one is stopped: writes that happen "while the clients' server is down".
   */
  public void whileDown(java.util.function.Consumer<ApiServer> work) {
    stop();
    try (ApiServer other = ApiServer.start(config(storeUrl, 0))) {
      work.accept(other);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
