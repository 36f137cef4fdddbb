package io.peloton.mesos.sim.agent;

import io.peloton.mesos.sim.cluster.AgentSpec;
import java.util.List;
import org.apache.mesos.v1.Protos;

/**
 * One simulated agent: identity, machine, resources and connection status. Kept small (no protobuf
 * offer objects) so that 50,000 agents fit comfortably in memory. Mutated only under the master lock.
 */
public final class Agent {
  /** The master's view of the agent's connection. */
  public enum Status { ACTIVE, UNREACHABLE, REMOVED, RECOVERING }

  private final int index;
  private final String hostname;
  private final String ip;
  private final List<Protos.Attribute> attributes;
  private final AgentResources resources;
  private String id;
  private Status status = Status.ACTIVE;
  private long offerId;
  private long unreachableSinceNanos;
  // where the agent's HTTP endpoint (/files) is: the simulator serves every agent's files on
  // its own port, so offers point there rather than at the simulated ip's port 5051
  private String httpHost;
  private int httpPort = 5051;

  public Agent(int index, String id, AgentSpec spec, List<Protos.Attribute> attributes) {
    this.index = index;
    this.id = id;
    this.hostname = spec.hostname();
    this.ip = spec.ip();
    this.attributes = attributes;
    this.resources = new AgentResources(spec);
  }

  public int index() {
    return index;
  }

  public String id() {
    return id;
  }

  /** A removed agent that registers again gets a new id, as in Mesos. */
  public void reregisterAs(String newId) {
    this.id = newId;
    this.status = Status.ACTIVE;
    this.offerId = 0;
  }

  public String hostname() {
    return hostname;
  }

  public String ip() {
    return ip;
  }

  public List<Protos.Attribute> attributes() {
    return attributes;
  }

  public AgentResources resources() {
    return resources;
  }

  public Status status() {
    return status;
  }

  public void status(Status status) {
    this.status = status;
  }

  public boolean isActive() {
    return status == Status.ACTIVE;
  }

  /** The id of the outstanding offer for this agent, 0 when none. */
  public long offerId() {
    return offerId;
  }

  public void offerId(long offerId) {
    this.offerId = offerId;
  }

  public long unreachableSinceNanos() {
    return unreachableSinceNanos;
  }

  public void unreachableSinceNanos(long nanos) {
    this.unreachableSinceNanos = nanos;
  }

  public Protos.AgentID agentId() {
    return Protos.AgentID.newBuilder().setValue(id).build();
  }

  public Protos.MachineID machineId() {
    return Protos.MachineID.newBuilder().setHostname(hostname).setIp(ip).build();
  }

  /** Says where this agent's HTTP endpoint really is (the simulator's own address). */
  public void serveHttpAt(String host, int port) {
    this.httpHost = host;
    this.httpPort = port;
  }

  /** The agent's PID-style URL, as put in offers: where its {@code /files} API answers. */
  public Protos.URL url() {
    return Protos.URL.newBuilder().setScheme("http")
        .setAddress(Protos.Address.newBuilder().setHostname(hostname)
            .setIp(httpHost == null ? ip : httpHost).setPort(httpPort))
        .setPath("/slave(1)").build();
  }

  /** AgentInfo for the operator API. */
  public Protos.AgentInfo info() {
    return Protos.AgentInfo.newBuilder().setHostname(hostname).setPort(5051).setId(agentId())
        .addAllResources(resources.total()).addAllAttributes(attributes).build();
  }
}
