package io.peloton.bridge.launch;

import io.peloton.client.ObjectKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this bridge launched, remembered until the informer cache shows them, so a run is
 * never launched twice and its first updates find their Task even before the cache catches up.
 * Runs are remembered per Task uid: a Task deleted and created again under the same name (a
 * DAEMON instance returning to its host after maintenance) starts again at run 1 and is a new Task.
 */
public final class LaunchLedger {
  /** One launched run: the Task it belongs to and where it went. */
  public record Run(ObjectKey task, String uid, int runId, String agentId, String host) {}

  private final Map<String, Run> byMesosId = new ConcurrentHashMap<>();
  private final Map<String, Integer> lastRun = new ConcurrentHashMap<>();

  public void record(String mesosTaskId, Run run) {
    byMesosId.put(mesosTaskId, run);
    lastRun.merge(run.uid(), run.runId(), Math::max);
  }

  public Run find(String mesosTaskId) {
    return byMesosId.get(mesosTaskId);
  }

  /** The newest run launched for the Task (by its uid) by this bridge, or 0. */
  public int lastLaunchedRun(String taskUid) {
    return lastRun.getOrDefault(taskUid, 0);
  }

  /** Forgets a run once the store shows it is over (keeps the ledger small). */
  public void forget(String mesosTaskId) {
    byMesosId.remove(mesosTaskId);
  }

  public int size() {
    return byMesosId.size();
  }
}
