package io.peloton.mesos.sim.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Each agent's id, checkpointed per hostname as a Mesos agent keeps {@code meta/slaves/latest}:
 * a restarted agent registers again with the id it had, so its recovered tasks keep their agent.
 * Blocking I/O: at start, or on a worker thread.
 */
public final class AgentIdCheckpoint {
  private final Path dir;

  private AgentIdCheckpoint(Path dir) {
    this.dir = dir;
  }

  /** Checkpoints under the work directory. */
  public static AgentIdCheckpoint in(Path workDir) {
    return new AgentIdCheckpoint(workDir.resolve(TaskCheckpoint.META_DIR).resolve("agents"));
  }

  /** Keeps nothing: every start gives the agents new ids. */
  public static AgentIdCheckpoint none() {
    return new AgentIdCheckpoint(null);
  }

  /** The checkpointed id of the agent on {@code hostname}, else {@code fresh} (then saved). */
  public String idFor(String hostname, String fresh) {
    if (dir == null) {
      return fresh;
    }
    Path file = dir.resolve(hostname);
    try {
      if (Files.isRegularFile(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.isEmpty()) {
          return id;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the agent id checkpoint " + file, e);
    }
    save(hostname, fresh);
    return fresh;
  }

  /** Checkpoints the agent's (new) id. */
  public void save(String hostname, String id) {
    if (dir == null) {
      return;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(hostname + ".tmp");
      Files.writeString(tmp, id, StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(hostname), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint the id of agent " + hostname, e);
    }
  }
}
