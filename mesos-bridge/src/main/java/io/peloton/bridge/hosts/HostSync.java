package io.peloton.bridge.hosts;

import io.peloton.api.ApiObject;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec;
import io.peloton.api.host.HostState;
import io.peloton.api.host.HostStatus;
import io.peloton.api.meta.Condition;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.task.Task;
import io.peloton.api.time.Rfc3339;
import io.peloton.bridge.launch.TaskLifecycle;
import io.peloton.bridge.mesos.OperatorClient;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.TypedClient;
import io.peloton.client.informer.ObjectCache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.mesos.v1.maintenance.Protos.ClusterStatus;
import org.apache.mesos.v1.master.Protos.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one Host object per Mesos agent (named by hostname) current from GET_AGENTS and the
 * maintenance status: capacity, allocatable, ports, attributes, ip, agent id and state.
 * Blocking: call from a worker thread.
 */
public final class HostSync {
  private static final Logger LOG = LoggerFactory.getLogger(HostSync.class);
  // a master that never answers must not stall hosts and maintenance; the next tick retries
  private static final long OPERATOR_TIMEOUT_SECONDS = 5;
  /** Task informer index: Tasks by {@code status.host}. */
  public static final String STATUS_HOST_INDEX = "statusHost";
  private static final int PARALLEL_WRITES = 8;

  private final OperatorClient operator;
  private final TypedClient<Host> hostsApi;
  private final ObjectCache<Host> hosts;
  private final ObjectCache<Task> tasks;
  private final String role;
  private final Function<String, HostStatus.Unavailability> unavailability;
  private final Map<String, String> hostnameByAgent = new ConcurrentHashMap<>();
  private final Executor writers;

  /** @param writers runs the Host writes of a refresh, several at a time */
  public HostSync(OperatorClient operator, ApiClient api, ObjectCache<Host> hosts,
      ObjectCache<Task> tasks, String role, Executor writers,
      Function<String, HostStatus.Unavailability> unavailability) {
    this.writers = writers;
    this.operator = operator;
    this.hostsApi = api.typed(Host.class);
    this.hosts = hosts;
    this.tasks = tasks;
    this.role = role;
    this.unavailability = unavailability;
  }

  /** The hostname of an agent seen in the last refresh, or null. */
  public String hostnameOf(String agentId) {
    return hostnameByAgent.get(agentId);
  }

  /** Remembers an agent's hostname (offers carry it) before the next refresh. */
  public void learn(String agentId, String hostname) {
    hostnameByAgent.put(agentId, hostname);
  }

  /** True when no run is active on the host. */
  public boolean drained(String hostname) {
    for (Task t : tasks.byIndex(STATUS_HOST_INDEX, hostname)) {
      if (TaskLifecycle.isActive(t.status())) {
        return false;
      }
    }
    return true;
  }

  /** Reads every agent and writes the Host objects that changed. */
  public void refresh() throws Exception {
    Response.GetAgents agents = operator.getAgents().get(OPERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    ClusterStatus maintenance = operator.getStatus().get(OPERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Set<String> down = new HashSet<>();
    Set<String> draining = new HashSet<>();
    maintenance.getDownMachinesList().forEach(m -> down.add(m.getHostname().toLowerCase()));
    maintenance.getDrainingMachinesList().forEach(m -> draining.add(m.getId().getHostname()
        .toLowerCase()));
    String now = Rfc3339.format(Instant.now());
    Set<String> seen = new HashSet<>();
    List<Runnable> writes = new ArrayList<>();
    for (Response.GetAgents.Agent agent : agents.getAgentsList()) {
      String hostname = agent.getAgentInfo().getHostname();
      hostnameByAgent.put(agent.getAgentInfo().getId().getValue(), hostname);
      seen.add(hostname);
      String key = hostname.toLowerCase();
      HostState state = down.contains(key) ? HostState.DOWN
          : draining.contains(key) ? (drained(hostname) ? HostState.DRAINED : HostState.DRAINING)
          : HostState.UP;
      Host current = hosts.get(null, hostname).orElse(null);
      HostStatus status = AgentHostStatus.of(agent, role, state, unavailability.apply(hostname),
          current == null || current.status() == null ? null : current.status().conditions(),
          now);
      if (current == null || !status.equals(current.status())) {
        Host seenHost = current;
        writes.add(() -> write(hostname, seenHost, status));
      }
    }
    for (Host h : hosts.list()) {
      if (!seen.contains(h.metadata().name()) && h.status() != null) {
        HostStatus old = h.status();
        List<Condition> conditions = AgentHostStatus.withCondition(old.conditions(),
            new Condition(AgentHostStatus.READY, Condition.FALSE, "AgentRemoved",
                "Mesos no longer knows the agent", now, null));
        HostStatus gone = new HostStatus(down.contains(h.metadata().name().toLowerCase())
            ? HostState.DOWN : old.state(), old.agentId(), old.hostname(), old.ip(),
            old.capacity(), old.allocatable(), old.ports(), old.attributes(),
            unavailability.apply(h.metadata().name()), old.lastHeartbeatTime(), conditions,
            old.observedGeneration());
        writes.add(() -> write(h.metadata().name(), h, gone));
      }
    }
    writeAll(writes);
  }

  /** A new cluster brings a Host per agent at once: write them several at a time. */
  private void writeAll(List<Runnable> writes) throws InterruptedException {
    Semaphore slots = new Semaphore(PARALLEL_WRITES);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (Runnable w : writes) {
      slots.acquire();
      done.add(CompletableFuture.runAsync(w, writers)
          .whenComplete((v, t) -> slots.release()));
    }
    CompletableFuture.allOf(
        done.toArray(new CompletableFuture[0])).handle((v, t) -> null).join();
  }

  private void write(String hostname, Host current, HostStatus status) {
    try {
      if (current == null) {
        try {
          current = hostsApi.create(new Host(ApiObject.API_VERSION, "Host",
              ObjectMeta.named(hostname), new HostSpec(false, HostSpec.MaintenanceMode.NONE),
              null));
        } catch (ApiError e) {
          if (!e.isAlreadyExists()) {
            throw e;
          }
          current = hostsApi.get(null, hostname);
        }
      }
      if (status.equals(current.status())) {
        return;
      }
      hostsApi.updateStatus(new Host(current.apiVersion(), current.kind(), current.metadata(),
          current.spec(), status));
    } catch (ApiError e) {
      // a conflict or a bad name: the next refresh tries again with a fresh copy
      LOG.info("could not write Host {}: {}", hostname, e.getMessage());
    }
  }
}
