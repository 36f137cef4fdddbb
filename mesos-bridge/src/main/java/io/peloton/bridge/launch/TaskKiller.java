package io.peloton.bridge.launch;

import io.peloton.bridge.mesos.MesosSchedulerClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends KILL calls with the task's grace period, at most once per interval per Mesos task. */
public final class TaskKiller {
  private static final Logger LOG = LoggerFactory.getLogger(TaskKiller.class);
  private static final long RESEND_NANOS = 30_000_000_000L;

  private final MesosSchedulerClient client;
  private final Protos.FrameworkID frameworkId;
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final AtomicLong kills = new AtomicLong();

  public TaskKiller(MesosSchedulerClient client, Protos.FrameworkID frameworkId) {
    this.client = client;
    this.frameworkId = frameworkId;
  }

  /** Kills unless a kill for the same task went out recently; {@code agentId} may be null. */
  public void kill(String mesosTaskId, String agentId, Integer graceSeconds) {
    long now = System.nanoTime();
    Long last = sentAt.get(mesosTaskId);
    if (last != null && now - last < RESEND_NANOS) {
      return;
    }
    sentAt.put(mesosTaskId, now);
    Call.Kill.Builder kill = Call.Kill.newBuilder()
        .setTaskId(Protos.TaskID.newBuilder().setValue(mesosTaskId));
    if (agentId != null) {
      kill.setAgentId(Protos.AgentID.newBuilder().setValue(agentId));
    }
    if (graceSeconds != null) {
      kill.setKillPolicy(Protos.KillPolicy.newBuilder()
          .setGracePeriod(LaunchPlanner.gracePeriod(graceSeconds)));
    }
    kills.incrementAndGet();
    CompletableFuture<Void> f = client.call(Call.newBuilder().setType(Call.Type.KILL)
        .setFrameworkId(frameworkId).setKill(kill).build());
    f.whenComplete((v, t) -> {
      if (t != null) {
        LOG.warn("KILL {} failed: {}", mesosTaskId, t.getMessage());
        sentAt.remove(mesosTaskId);
      }
    });
  }

  /** Stops remembering a task that reached a terminal state. */
  public void forget(String mesosTaskId) {
    sentAt.remove(mesosTaskId);
  }

  public long kills() {
    return kills.get();
  }
}
