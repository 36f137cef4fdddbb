package io.peloton.mesos.sim.http;

import com.google.protobuf.InvalidProtocolBufferException;
import io.peloton.mesos.sim.maintenance.MaintenanceException;
import io.peloton.mesos.sim.master.Master;
import io.peloton.mesos.sim.wire.JsonConversionException;
import io.peloton.mesos.sim.wire.StoutJson;
import io.peloton.mesos.sim.wire.WireFormat;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/** {@code POST /api/v1}: the operator calls the simulator serves (state queries and maintenance). */
final class OperatorEndpoint {
  private final Master master;

  OperatorEndpoint(Master master) {
    this.master = master;
  }

  void handle(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    WireFormat format = Responses.callFormat(req);
    if (format == null) {
      return;
    }
    WireFormat accept = WireFormat.negotiate(req.getHeader("Accept"));
    if (accept == null) {
      Responses.error(resp, 406, "Expecting 'Accept' to allow application/json or application/x-protobuf");
      return;
    }
    req.body().onSuccess(body -> {
      Call call;
      try {
        call = parse(format, body);
      } catch (JsonConversionException e) {
        Responses.error(resp, 400, e.getMessage());
        return;
      }
      try {
        dispatch(call, accept, resp);
      } catch (MaintenanceException e) {
        Responses.error(resp, 400, e.getMessage());
      }
    });
  }

  private void dispatch(Call call, WireFormat accept, HttpServerResponse resp) {
    if (!call.hasType()) {
      Responses.error(resp, 400, "Failed to validate master::Call: Expecting 'type' to be present");
      return;
    }
    Response.Builder out = Response.newBuilder();
    switch (call.getType()) {
      case GET_HEALTH -> out.setType(Response.Type.GET_HEALTH)
          .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true));
      case GET_VERSION -> out.setType(Response.Type.GET_VERSION).setGetVersion(Response.GetVersion.newBuilder()
          .setVersionInfo(org.apache.mesos.v1.Protos.VersionInfo.newBuilder().setVersion("1.11.0")));
      case GET_MASTER -> out.setType(Response.Type.GET_MASTER)
          .setGetMaster(Response.GetMaster.newBuilder().setMasterInfo(master.masterInfo()));
      case GET_AGENTS -> out.setType(Response.Type.GET_AGENTS).setGetAgents(master.getAgents());
      case GET_TASKS -> out.setType(Response.Type.GET_TASKS).setGetTasks(master.getTasks());
      case GET_FRAMEWORKS -> out.setType(Response.Type.GET_FRAMEWORKS).setGetFrameworks(master.getFrameworks());
      case GET_STATE -> out.setType(Response.Type.GET_STATE).setGetState(Response.GetState.newBuilder()
          .setGetAgents(master.getAgents()).setGetTasks(master.getTasks())
          .setGetFrameworks(master.getFrameworks()).setGetExecutors(Response.GetExecutors.getDefaultInstance()));
      case GET_MAINTENANCE_SCHEDULE -> out.setType(Response.Type.GET_MAINTENANCE_SCHEDULE)
          .setGetMaintenanceSchedule(Response.GetMaintenanceSchedule.newBuilder().setSchedule(master.schedule()));
      case GET_MAINTENANCE_STATUS -> out.setType(Response.Type.GET_MAINTENANCE_STATUS)
          .setGetMaintenanceStatus(Response.GetMaintenanceStatus.newBuilder().setStatus(master.maintenanceStatus()));
      case UPDATE_MAINTENANCE_SCHEDULE -> {
        if (!call.hasUpdateMaintenanceSchedule()) {
          Responses.error(resp, 400, "Failed to validate master::Call: Expecting 'update_maintenance_schedule' to be present");
          return;
        }
        master.updateSchedule(call.getUpdateMaintenanceSchedule().getSchedule());
        Responses.empty(resp, 200);
        return;
      }
      case START_MAINTENANCE -> {
        if (!call.hasStartMaintenance()) {
          Responses.error(resp, 400, "Failed to validate master::Call: Expecting 'start_maintenance' to be present");
          return;
        }
        master.machinesDown(call.getStartMaintenance().getMachinesList());
        Responses.empty(resp, 200);
        return;
      }
      case STOP_MAINTENANCE -> {
        if (!call.hasStopMaintenance()) {
          Responses.error(resp, 400, "Failed to validate master::Call: Expecting 'stop_maintenance' to be present");
          return;
        }
        master.machinesUp(call.getStopMaintenance().getMachinesList());
        Responses.empty(resp, 200);
        return;
      }
      default -> {
        Responses.error(resp, 501, "Operator call " + call.getType() + " is not implemented by the simulator");
        return;
      }
    }
    Responses.message(resp, accept, out.build());
  }

  private static Call parse(WireFormat format, Buffer body) {
    if (format == WireFormat.PROTOBUF) {
      try {
        return Call.parseFrom(body.getBytes());
      } catch (InvalidProtocolBufferException e) {
        throw new JsonConversionException("Failed to parse body into Call protobuf");
      }
    }
    Call.Builder b = Call.newBuilder();
    try {
      StoutJson.parse(body.toString(), b);
    } catch (JsonConversionException e) {
      throw new JsonConversionException("Failed to convert JSON into Call protobuf: " + e.getMessage());
    }
    if (!b.isInitialized()) {
      throw new JsonConversionException("Failed to convert JSON into Call protobuf: Missing required fields: "
          + StoutJson.missingRequired(b));
    }
    return b.build();
  }
}
