package io.peloton.mesos.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.peloton.mesos.sim.agent.Agent;
import io.peloton.mesos.sim.cluster.AgentSpec;
import io.peloton.mesos.sim.fault.FaultInjector;
import io.peloton.mesos.sim.master.Master;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own admin API (not part of Mesos): agents and fault injection.
 * <pre>
 * GET  /admin/agents                          list agents
 * POST /admin/agents                          add an agent (AgentSpec JSON)
 * POST /admin/agents/{id|hostname}/{remove|partition|heal|restore}
 * POST /admin/master/restart                  drop every stream, frameworks must re-subscribe
 * POST /admin/status-updates                  {"drop_next": N, "delay_ms": M}
 * GET  /admin/tasks/{taskId}/sandbox          {"directory": "..."}
 * </pre>
 */
final class AdminEndpoint {
  private final Master master;
  private final FaultInjector faults;

  AdminEndpoint(Master master, FaultInjector faults) {
    this.master = master;
    this.faults = faults;
  }

  void handle(HttpServerRequest req) {
    HttpServerResponse resp = req.response();
    String[] parts = req.path().substring("/admin/".length()).split("/");
    try {
      if (parts[0].equals("agents") && parts.length == 1) {
        if (req.method() == HttpMethod.GET) {
          Responses.json(resp, 200, agentList());
        } else if (req.method() == HttpMethod.POST) {
          req.body().onSuccess(body -> guarded(resp, () -> {
            AgentSpec spec;
            try {
              spec = Responses.JSON.readValue(body.toString(), AgentSpec.class);
            } catch (UnrecognizedPropertyException e) {
              throw new IllegalArgumentException("agent: unknown field '" + e.getPropertyName() + "'");
            } catch (Exception e) {
              throw new IllegalArgumentException("agent: body is not a valid agent spec JSON object");
            }
            Responses.json(resp, 200, Map.of("id", master.addAgent(spec)));
          }));
        } else {
          Responses.error(resp, 405, "Expecting 'GET' or 'POST'");
        }
        return;
      }
      if (req.method() != HttpMethod.POST && !parts[0].equals("tasks")) {
        resp.putHeader("Allow", "POST");
        Responses.error(resp, 405, "Expecting 'POST', received '" + req.method().name() + "'");
        return;
      }
      if (parts[0].equals("agents") && parts.length == 3) {
        String agent = parts[1];
        switch (parts[2]) {
          case "remove" -> faults.removeAgent(agent);
          case "partition" -> faults.partitionAgent(agent);
          case "heal" -> faults.healAgent(agent);
          case "restore" -> {
            Responses.json(resp, 200, Map.of("id", faults.restoreAgent(agent)));
            return;
          }
          default -> {
            Responses.error(resp, 404, "Unknown agent action '" + parts[2] + "' (remove, partition, heal, restore)");
            return;
          }
        }
        Responses.empty(resp, 200);
      } else if (parts[0].equals("master") && parts.length == 2 && parts[1].equals("restart")) {
        faults.restartMaster();
        Responses.empty(resp, 200);
      } else if (parts[0].equals("status-updates") && parts.length == 1) {
        req.body().onSuccess(body -> guarded(resp, () -> {
          JsonNode node;
          try {
            node = Responses.JSON.readTree(body.toString());
          } catch (Exception e) {
            throw new IllegalArgumentException("body: not a JSON object");
          }
          if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("body: expecting a JSON object with 'drop_next' and/or 'delay_ms'");
          }
          if (node.has("drop_next")) {
            if (!node.get("drop_next").canConvertToLong()) {
              throw new IllegalArgumentException("drop_next: expecting an integer");
            }
            faults.dropStatusUpdates(node.get("drop_next").asLong());
          }
          if (node.has("delay_ms")) {
            if (!node.get("delay_ms").canConvertToLong()) {
              throw new IllegalArgumentException("delay_ms: expecting an integer");
            }
            faults.delayStatusUpdates(Duration.ofMillis(node.get("delay_ms").asLong()));
          }
          Responses.empty(resp, 200);
        }));
      } else if (parts[0].equals("tasks") && parts.length == 3 && parts[2].equals("sandbox")) {
        Path sandbox = master.sandboxOf(parts[1]);
        if (sandbox == null) {
          Responses.error(resp, 404, "task: no known task '" + parts[1] + "'");
        } else {
          Responses.json(resp, 200, Map.of("directory", sandbox.toString()));
        }
      } else {
        Responses.error(resp, 404, "Unknown admin path " + req.path());
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      Responses.error(resp, e instanceof IllegalArgumentException && e.getMessage().contains("no agent") ? 404 : 400,
          e.getMessage());
    }
  }

  private static void guarded(HttpServerResponse resp, Runnable action) {
    try {
      action.run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      Responses.error(resp, 400, e.getMessage());
    }
  }

  private List<Map<String, Object>> agentList() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Agent a : master.agents()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", a.id());
      m.put("hostname", a.hostname());
      m.put("ip", a.ip());
      m.put("status", a.status().name());
      out.add(m);
    }
    return out;
  }
}
