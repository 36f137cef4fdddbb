package io.peloton.scheduler.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts why hosts were rejected for a task and renders it the way kube-scheduler does:
 * "0/40 hosts: 25 insufficient cpu, 15 constraint hostname=a1".
 */
public final class HostRejectionTally {
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private int hosts;

  public void reject(String reason) {
    hosts++;
    counts.merge(reason, 1, Integer::sum);
  }

  public void accept() {
    hosts++;
  }

  public int count(String reason) {
    return counts.getOrDefault(reason, 0);
  }

  /** Renders the tally; {@code placed} is how many hosts could take the task (0 when explaining a failure). */
  public String render(int placed) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort((a, b) -> b.getValue() != a.getValue().intValue()
        ? Integer.compare(b.getValue(), a.getValue()) : a.getKey().compareTo(b.getKey()));
    StringBuilder sb = new StringBuilder().append(placed).append('/').append(hosts).append(" hosts");
    if (hosts == 0) {
      return sb.append(": the cluster has no hosts").toString();
    }
    String sep = ": ";
    for (Map.Entry<String, Integer> e : entries) {
      sb.append(sep).append(e.getValue()).append(' ').append(e.getKey());
      sep = ", ";
    }
    return sb.toString();
  }
}
