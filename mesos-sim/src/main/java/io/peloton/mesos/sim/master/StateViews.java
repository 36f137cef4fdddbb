package io.peloton.mesos.sim.master;

import io.peloton.mesos.sim.agent.Agent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.master.Protos.Response;

/** Read-only views of the master state for the operator API and the v0 /master/state endpoint. */
final class StateViews {
  private StateViews() {}

  static Response.GetAgents agents(List<Agent> agents) {
    var b = Response.GetAgents.newBuilder();
    for (Agent a : agents) {
      if (a.status() == Agent.Status.REMOVED) {
        continue;
      }
      b.addAgents(Response.GetAgents.Agent.newBuilder()
          .setAgentInfo(a.info()).setActive(a.isActive()).setVersion("1.11.0")
          .setPid("slave(1)@" + a.ip() + ":5051").addAllTotalResources(a.resources().total()));
    }
    return b.build();
  }

  static Response.GetTasks tasks(Collection<Map<String, TaskRecord>> tasks, Collection<TaskRecord> completedTasks) {
    var b = Response.GetTasks.newBuilder();
    for (Map<String, TaskRecord> m : tasks) {
      for (TaskRecord t : m.values()) {
        if (t.unreachable) {
          b.addUnreachableTasks(t.toTask());
        } else {
          b.addTasks(t.toTask());
        }
      }
    }
    for (TaskRecord t : completedTasks) {
      b.addCompletedTasks(t.toTask());
    }
    return b.build();
  }

  static Response.GetFrameworks frameworks(Collection<FrameworkRecord> frameworks) {
    var b = Response.GetFrameworks.newBuilder();
    for (FrameworkRecord fw : frameworks) {
      b.addFrameworks(Response.GetFrameworks.Framework.newBuilder()
          .setFrameworkInfo(fw.info).setActive(fw.connected()).setConnected(fw.connected()).setRecovered(false)
          .setRegisteredTime(Protos.TimeInfo.newBuilder().setNanoseconds(fw.registeredNanos)));
    }
    return b.build();
  }

  static Map<String, Object> v0State(String masterId, String host, String pid, List<Agent> agents,
      Map<String, FrameworkRecord> frameworks, Map<String, Map<String, TaskRecord>> tasks,
      Set<String> completedFrameworks) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("version", "1.11.0");
    state.put("id", masterId);
    state.put("hostname", host);
    state.put("pid", pid);
    state.put("leader", pid);
    List<Map<String, Object>> slaves = new ArrayList<>();
    int active = 0;
    for (Agent a : agents) {
      if (a.status() == Agent.Status.REMOVED) {
        continue;
      }
      active += a.isActive() ? 1 : 0;
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", a.id());
      s.put("hostname", a.hostname());
      s.put("ip", a.ip());
      s.put("active", a.isActive());
      s.put("status", a.status().name());
      slaves.add(s);
    }
    state.put("activated_slaves", active);
    state.put("slaves", slaves);
    List<Map<String, Object>> fws = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>(frameworks.keySet());
    ids.addAll(tasks.keySet());
    for (String id : ids) {
      FrameworkRecord fw = frameworks.get(id);
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("id", id);
      f.put("name", fw == null ? "" : fw.info.getName());
      f.put("active", fw != null && fw.connected());
      List<Map<String, Object>> ts = new ArrayList<>();
      for (TaskRecord t : tasks.getOrDefault(id, Map.of()).values()) {
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("id", t.taskId());
        tm.put("name", t.info.getName());
        tm.put("framework_id", id);
        tm.put("slave_id", t.agentId);
        tm.put("executor_id", t.executorId.getValue());
        tm.put("state", t.agentState.name());
        tm.put("status_update_state", t.statusUpdateState.name());
        if (t.sandbox != null) {
          tm.put("sandbox_directory", t.sandbox.toString());
        }
        ts.add(tm);
      }
      f.put("tasks", ts);
      fws.add(f);
    }
    state.put("frameworks", fws);
    state.put("completed_frameworks", completedFrameworks.stream().map(id -> Map.of("id", id)).toList());
    return state;
  }
}
