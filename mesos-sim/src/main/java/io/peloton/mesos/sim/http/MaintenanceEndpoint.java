package io.peloton.mesos.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.mesos.sim.maintenance.MaintenanceException;
import io.peloton.mesos.sim.master.Master;
import io.peloton.mesos.sim.wire.JsonConversionException;
import io.peloton.mesos.sim.wire.StoutJson;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.MachineID;
import org.apache.mesos.v1.maintenance.Protos.Schedule;

/** The v0 maintenance endpoints: schedule (GET/POST), status, machine/down and machine/up. */
final class MaintenanceEndpoint {
  private final Master master;

  MaintenanceEndpoint(Master master) {
    this.master = master;
  }

  void schedule(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    if (req.method() == HttpMethod.GET) {
      Responses.rawJson(resp, StoutJson.print(master.schedule()));
      return;
    }
    if (req.method() != HttpMethod.POST) {
      resp.putHeader("Allow", "GET, POST");
      Responses.error(resp, 405, "Expecting 'GET' or 'POST', received '" + req.method().name() + "'");
      return;
    }
    // Mesos does not check the Content-Type here: the body is parsed as JSON regardless
    req.body().onSuccess(body -> {
      try {
        Schedule schedule = parseSchedule(body.toString());
        master.updateSchedule(schedule);
        Responses.empty(resp, 200);
      } catch (JsonConversionException | MaintenanceException e) {
        Responses.error(resp, 400, e.getMessage());
      }
    });
  }

  void status(HttpServerRequest req) {
    if (req.method() != HttpMethod.GET) {
      req.response().putHeader("Allow", "GET");
      Responses.error(req.response(), 405, "Expecting 'GET', received '" + req.method().name() + "'");
      return;
    }
    Responses.rawJson(req.response(), StoutJson.print(master.maintenanceStatus()));
  }

  void machines(HttpServerRequest req, boolean down) {
    HttpServerResponse resp = req.response();
    if (req.method() != HttpMethod.POST) {
      resp.putHeader("Allow", "POST");
      Responses.error(resp, 405, "Expecting 'POST', received '" + req.method().name() + "'");
      return;
    }
    req.body().onSuccess(body -> {
      try {
        List<MachineID> ids = parseMachines(body.toString());
        if (down) {
          master.machinesDown(ids);
        } else {
          master.machinesUp(ids);
        }
        Responses.empty(resp, 200);
      } catch (JsonConversionException | MaintenanceException e) {
        Responses.error(resp, 400, e.getMessage());
      }
    });
  }

  static Schedule parseSchedule(String body) {
    Schedule.Builder b = Schedule.newBuilder();
    try {
      StoutJson.parse(body, b);
    } catch (JsonConversionException e) {
      throw new JsonConversionException("Failed to convert JSON into Schedule protobuf: " + e.getMessage());
    }
    if (!b.isInitialized()) {
      throw new JsonConversionException("Failed to convert JSON into Schedule protobuf: Missing required fields: "
          + StoutJson.missingRequired(b));
    }
    return b.build();
  }

  static List<MachineID> parseMachines(String body) {
    JsonNode node = StoutJson.readTree(body);
    if (!node.isArray()) {
      throw new JsonConversionException("Expecting a JSON array of MachineIDs");
    }
    List<MachineID> ids = new ArrayList<>();
    for (JsonNode element : node) {
      ids.add(StoutJson.parse(element, MachineID.newBuilder()).build());
    }
    return ids;
  }
}
