package io.peloton.mesos.sim.agent;

import java.util.concurrent.TimeUnit;

/** Finds out once whether a Docker engine is reachable (`docker info` succeeds). Blocking: call off the event loop. */
public final class DockerProbe {
  private DockerProbe() {}

  /** True if `docker info` exits 0 within a few seconds. */
  public static boolean engineReachable() {
    try {
      Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
