package io.peloton.mesos.sim;

import io.peloton.mesos.sim.cluster.ClusterSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of one simulator instance.
 *
 * @param port HTTP port; 0 picks a free one
 * @param executor {@code process} (really runs commands) or {@code simulated}
 * @param workDir root of the per-task sandboxes (process executor)
 * @param agentReregisterDelay after a simulated master restart, how long agents take to re-register
 * @param recoverAgents agents checkpoint their ids and (process executor) tasks under the work
 *     directory; a restart on the same work directory recovers them and takes running tasks over
 *     (a Mesos agent's recovery). Otherwise task processes never outlive the simulator.
 */
public record SimulatorConfig(String host, int port, ClusterSpec cluster, ExecutorKind executor,
                              Duration allocationInterval, Duration heartbeatInterval,
                              Duration statusUpdateRetry, Path workDir,
                              Duration agentReregisterDelay, boolean recoverAgents) {

  /** Which executor runs tasks. */
  public enum ExecutorKind { PROCESS, SIMULATED }

  /** Defaults: port 5050, 4 generated agents, simulated executor, Mesos's 1 s / 15 s / 10 s timings. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig("127.0.0.1", 5050, ClusterSpec.generated(4, 8, 16384, 100_000), ExecutorKind.SIMULATED,
        Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(10), null, Duration.ZERO,
        false);
  }

  public SimulatorConfig withPort(int value) {
    return new SimulatorConfig(host, value, cluster, executor, allocationInterval, heartbeatInterval,
        statusUpdateRetry, workDir, agentReregisterDelay, recoverAgents);
  }

  public SimulatorConfig withCluster(ClusterSpec value) {
    return new SimulatorConfig(host, port, value, executor, allocationInterval, heartbeatInterval,
        statusUpdateRetry, workDir, agentReregisterDelay, recoverAgents);
  }

  public SimulatorConfig withExecutor(ExecutorKind value) {
    return new SimulatorConfig(host, port, cluster, value, allocationInterval, heartbeatInterval,
        statusUpdateRetry, workDir, agentReregisterDelay, recoverAgents);
  }

  public SimulatorConfig withAllocationInterval(Duration value) {
    return new SimulatorConfig(host, port, cluster, executor, value, heartbeatInterval,
        statusUpdateRetry, workDir, agentReregisterDelay, recoverAgents);
  }

  public SimulatorConfig withHeartbeatInterval(Duration value) {
    return new SimulatorConfig(host, port, cluster, executor, allocationInterval, value,
        statusUpdateRetry, workDir, agentReregisterDelay, recoverAgents);
  }

  public SimulatorConfig withStatusUpdateRetry(Duration value) {
    return new SimulatorConfig(host, port, cluster, executor, allocationInterval, heartbeatInterval,
        value, workDir, agentReregisterDelay, recoverAgents);
  }

  public SimulatorConfig withWorkDir(Path value) {
    return new SimulatorConfig(host, port, cluster, executor, allocationInterval, heartbeatInterval,
        statusUpdateRetry, value, agentReregisterDelay, recoverAgents);
  }

  public SimulatorConfig withAgentReregisterDelay(Duration value) {
    return new SimulatorConfig(host, port, cluster, executor, allocationInterval, heartbeatInterval,
        statusUpdateRetry, workDir, value, recoverAgents);
  }

  public SimulatorConfig withHost(String value) {
    return new SimulatorConfig(value, port, cluster, executor, allocationInterval, heartbeatInterval,
        statusUpdateRetry, workDir, agentReregisterDelay, recoverAgents);
  }

  public SimulatorConfig withRecoverAgents(boolean value) {
    return new SimulatorConfig(host, port, cluster, executor, allocationInterval, heartbeatInterval,
        statusUpdateRetry, workDir, agentReregisterDelay, value);
  }
}
