package io.peloton.mesos.sim.fault;

import io.peloton.mesos.sim.agent.Agent;
import io.peloton.mesos.sim.master.Master;
import java.time.Duration;

/** Injects faults into a running simulator: lose or partition agents, restart the master, disturb updates. */
public final class FaultInjector {
  private final Master master;

  public FaultInjector(Master master) {
    this.master = master;
  }

  /** Removes an agent for good: its tasks become TASK_LOST (REASON_AGENT_REMOVED), frameworks get FAILURE. */
  public void removeAgent(String idOrHostname) {
    master.removeAgent(agent(idOrHostname), "Agent removed by fault injection");
  }

  /** Brings a removed agent back; it registers with a new agent id, which is returned. */
  public String restoreAgent(String idOrHostname) {
    return master.restoreAgent(agent(idOrHostname));
  }

  /** Cuts an agent off: it becomes unreachable, its tasks are reported LOST/UNREACHABLE. */
  public void partitionAgent(String idOrHostname) {
    master.partitionAgent(agent(idOrHostname));
  }

  /** Ends a partition: the agent re-registers with the same id and resends pending updates. */
  public void healAgent(String idOrHostname) {
    master.healAgent(agent(idOrHostname));
  }

  /** Restarts the master: all event streams drop and frameworks must re-subscribe. */
  public void restartMaster() {
    master.restart();
  }

  /** Drops the next n status-update deliveries; reliability resends them after the retry interval. */
  public void dropStatusUpdates(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("drop_next: must be >= 0");
    }
    master.dropStatusUpdates(n);
  }

  /** Delays every status-update delivery (zero turns the delay off). */
  public void delayStatusUpdates(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay_ms: must be >= 0");
    }
    master.delayStatusUpdates(delay.toMillis());
  }

  private Agent agent(String idOrHostname) {
    Agent a = master.findAgent(idOrHostname);
    if (a == null) {
      throw new IllegalArgumentException("agent: no agent with id or hostname '" + idOrHostname + "'");
    }
    return a;
  }
}
