package io.peloton.bridge.mesos;

import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/** The Mesos v1 operator API ({@code POST /api/v1}): agents, maintenance schedule, machine down/up. */
public final class OperatorClient {
  public static final String PATH = "/api/v1";

  private final MesosHttp http;
  private final WireEncoding encoding;

  public OperatorClient(MesosHttp http, WireEncoding encoding) {
    this.http = http;
    this.encoding = encoding;
  }

  /** Sends one operator call; completes with the response (empty for calls without one). */
  public CompletableFuture<Response> call(Call call) {
    CompletableFuture<Response> out = new CompletableFuture<>();
    http.post(PATH, encoding.mediaType(), encoding.mediaType(), Map.of(),
        Buffer.buffer(encoding.encode(call))).onComplete(ar -> {
          if (ar.failed()) {
            out.completeExceptionally(ar.cause());
            return;
          }
          MesosHttp.Reply r = ar.result();
          if (r.status() / 100 != 2) {
            out.completeExceptionally(new OperatorCallException(call.getType().name(), r.status(),
                r.body().toString().trim()));
            return;
          }
          if (r.body().length() == 0) {
            out.complete(Response.getDefaultInstance());
            return;
          }
          try {
            WireEncoding replyEncoding = WireEncoding.JSON.mediaType().equals(r.contentType())
                ? WireEncoding.JSON : encoding;
            out.complete(replyEncoding.decode(r.body().getBytes(), Response.newBuilder()));
          } catch (RuntimeException e) {
            out.completeExceptionally(e);
          }
        });
    return out;
  }

  public CompletableFuture<Response.GetAgents> getAgents() {
    return call(Call.newBuilder().setType(Call.Type.GET_AGENTS).build())
        .thenApply(Response::getGetAgents);
  }

  public CompletableFuture<org.apache.mesos.v1.maintenance.Protos.Schedule> getSchedule() {
    return call(Call.newBuilder().setType(Call.Type.GET_MAINTENANCE_SCHEDULE).build())
        .thenApply(r -> r.getGetMaintenanceSchedule().getSchedule());
  }

  public CompletableFuture<org.apache.mesos.v1.maintenance.Protos.ClusterStatus> getStatus() {
    return call(Call.newBuilder().setType(Call.Type.GET_MAINTENANCE_STATUS).build())
        .thenApply(r -> r.getGetMaintenanceStatus().getStatus());
  }

  public CompletableFuture<Void> updateSchedule(
      org.apache.mesos.v1.maintenance.Protos.Schedule schedule) {
    return call(Call.newBuilder().setType(Call.Type.UPDATE_MAINTENANCE_SCHEDULE)
        .setUpdateMaintenanceSchedule(Call.UpdateMaintenanceSchedule.newBuilder()
            .setSchedule(schedule)).build()).thenApply(r -> null);
  }

  /** Machine down (START_MAINTENANCE). */
  public CompletableFuture<Void> machineDown(org.apache.mesos.v1.Protos.MachineID machine) {
    return call(Call.newBuilder().setType(Call.Type.START_MAINTENANCE)
        .setStartMaintenance(Call.StartMaintenance.newBuilder().addMachines(machine)).build())
        .thenApply(r -> null);
  }

  /** Machine up (STOP_MAINTENANCE); Mesos also takes it out of the schedule. */
  public CompletableFuture<Void> machineUp(org.apache.mesos.v1.Protos.MachineID machine) {
    return call(Call.newBuilder().setType(Call.Type.STOP_MAINTENANCE)
        .setStopMaintenance(Call.StopMaintenance.newBuilder().addMachines(machine)).build())
        .thenApply(r -> null);
  }
}
