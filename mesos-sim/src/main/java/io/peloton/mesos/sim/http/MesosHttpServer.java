package io.peloton.mesos.sim.http;

import io.peloton.mesos.sim.fault.FaultInjector;
import io.peloton.mesos.sim.master.Master;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;

/** Routes the Mesos master's HTTP paths (with and without the {@code /master} prefix) to their endpoints. */
public final class MesosHttpServer {
  private final Vertx vertx;
  private final Master master;
  private final String host;
  private final SchedulerEndpoint scheduler;
  private final OperatorEndpoint operator;
  private final MaintenanceEndpoint maintenance;
  private final FilesEndpoint files;
  private final AdminEndpoint admin;
  private HttpServer server;

  public MesosHttpServer(Vertx vertx, Master master, FaultInjector faults, String host, Path workDir) {
    this.vertx = vertx;
    this.master = master;
    this.host = host;
    this.scheduler = new SchedulerEndpoint(master);
    this.operator = new OperatorEndpoint(master);
    this.maintenance = new MaintenanceEndpoint(master);
    this.files = new FilesEndpoint(vertx, workDir);
    this.admin = new AdminEndpoint(master, faults);
  }

  /** Binds the port (0 = any free port); completes with the bound port. */
  public Future<Integer> listen(int port) {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setCompressionSupported(false))
        .requestHandler(this::route);
    // listen(port) alone would bind 0.0.0.0 whatever the options say
    return server.listen(port, host).map(HttpServer::actualPort);
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void route(HttpServerRequest req) {
    String path = req.path();
    if (path.startsWith("/master/") && !path.startsWith("/master/api") ) {
      path = path.substring("/master".length());
    } else if (path.startsWith("/master/api")) {
      path = path.substring("/master".length());
    }
    if (path.startsWith("/admin/")) {
      admin.handle(req);
      return;
    }
    if (path.startsWith("/redirect/")) {
      Responses.error(req.response(), 404, "Not found");
      return;
    }
    switch (path) {
      case "/api/v1/scheduler" -> scheduler.handle(req);
      case "/api/v1" -> operator.handle(req);
      case "/maintenance/schedule" -> maintenance.schedule(req);
      case "/maintenance/status" -> maintenance.status(req);
      case "/machine/down" -> maintenance.machines(req, true);
      case "/machine/up" -> maintenance.machines(req, false);
      case "/redirect" -> {
        // always 307 to the leader, even on the leader itself (mesos-rxjava probes this)
        int port = req.localAddress().port();
        req.response().setStatusCode(307).putHeader("Location", "//" + host + ":" + port)
            .putHeader("Content-Length", "0").end();
      }
      case "/state", "/state.json" -> Responses.json(req.response(), 200, master.stateJson());
      case "/health" -> req.response().setStatusCode(200).putHeader("Content-Length", "0").end();
      case "/files/read", "/files/read.json" -> files.read(req);
      case "/files/download", "/files/download.json" -> files.download(req);
      default -> Responses.error(req.response(), 404, "No such endpoint: " + req.path());
    }
  }
}
