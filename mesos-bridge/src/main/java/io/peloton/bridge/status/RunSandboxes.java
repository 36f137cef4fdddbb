package io.peloton.bridge.status;

import io.peloton.api.task.RunSandbox;
import io.peloton.api.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos;

/** Where a launched run's sandbox will be, from the offer it is launched on. */
public final class RunSandboxes {
  private RunSandboxes() {}

  /**
   * The sandbox of a command task (its executor id is its task id) launched on the offer's
   * agent; null when the offer does not say where the agent's HTTP endpoint is.
   */
  public static RunSandbox of(Protos.Offer offer, String frameworkId, String mesosTaskId,
      int runId) {
    String url = agentUrl(offer);
    return url == null ? null : new RunSandbox(runId, offer.getHostname(), url,
        RunSandbox.mesosDirectory(frameworkId, mesosTaskId));
  }

  /** {@code scheme://ip:port} of the offer's agent URL (the agent's pid), ip before hostname. */
  static String agentUrl(Protos.Offer offer) {
    if (!offer.hasUrl() || !offer.getUrl().hasAddress()) {
      return null;
    }
    Protos.Address a = offer.getUrl().getAddress();
    String host = a.hasIp() && !a.getIp().isEmpty() ? a.getIp() : a.getHostname();
    if (host == null || host.isEmpty() || !a.hasPort()) {
      return null;
    }
    String scheme = offer.getUrl().hasScheme() ? offer.getUrl().getScheme() : "http";
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /**
   * The earlier runs' sandboxes once {@code runId} starts: the replaced current one first,
   * bounded; null when they do not change.
   */
  public static List<RunSandbox> previousRuns(TaskStatus old, int runId) {
    if (old == null || old.sandbox() == null || old.sandbox().runId() == null
        || old.sandbox().runId() == runId) {
      return null;
    }
    List<RunSandbox> out = new ArrayList<>();
    out.add(old.sandbox());
    List<RunSandbox> earlier = old.previousRuns() == null ? List.of() : old.previousRuns();
    for (RunSandbox r : earlier) {
      if (out.size() < RunSandbox.KEPT_PREVIOUS_RUNS && !r.runId().equals(runId)) {
        out.add(r);
      }
    }
    return out;
  }
}
