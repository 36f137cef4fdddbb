package io.peloton.mesos.sim.agent;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent checkpoints about one task, as a Mesos agent does under its {@code meta}
 * directory: the TaskInfo, its framework and executor, and the executor process (pid plus start
 * time, which tells a re-used pid apart). The executor wrapper writes the command's exit status
 * next to it, so an exit while the agent is down is still known. Files live in
 * {@code <root>/<agent>/<framework>/<executor>/<task>/}; blocking I/O, never on an event loop.
 *
 * @param recoverable the framework checkpoints (FrameworkInfo.checkpoint) and the agent recovers
 * @param pid the executor process, 0 before it was forked
 */
public record TaskCheckpoint(Path dir, String agentId, String frameworkId, String executorId,
    Protos.TaskInfo task, Path sandbox, boolean recoverable, long pid, long startMillis) {
  /** The agents' checkpoint directory under the work directory (never served over HTTP). */
  public static final String META_DIR = "meta";
  private static final Logger LOG = LoggerFactory.getLogger(TaskCheckpoint.class);
  private static final String INFO = "task.info";
  private static final String RUN = "run.properties";
  private static final String EXIT = "exit";
  private static final String KILLED = "killed";

  /** Where the agents checkpoint their tasks under the work directory. */
  public static Path rootIn(Path workDir) {
    return workDir.resolve(META_DIR).resolve("tasks");
  }

  /** The checkpoint directory of a task under {@code root}. */
  public static Path dirOf(Path root, String agentId, String frameworkId, String executorId,
      String taskId) {
    return root.resolve(agentId).resolve(frameworkId).resolve(executorId).resolve(taskId);
  }

  /** The file the executor wrapper writes the command's exit status to. */
  public Path exitFile() {
    return dir.resolve(EXIT);
  }

  /** This checkpoint with its executor process. */
  public TaskCheckpoint withProcess(long newPid, long newStartMillis) {
    return new TaskCheckpoint(dir, agentId, frameworkId, executorId, task, sandbox, recoverable,
        newPid, newStartMillis);
  }

  /** Writes the checkpoint (atomically per file: a crash leaves the old or the new one). */
  public void write() throws IOException {
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve(INFO))) {
      replace(dir.resolve(INFO), task.toByteArray());
    }
    Properties p = new Properties();
    p.setProperty("agent", agentId);
    p.setProperty("framework", frameworkId);
    p.setProperty("executor", executorId);
    p.setProperty("sandbox", sandbox.toString());
    p.setProperty("recoverable", Boolean.toString(recoverable));
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("start", Long.toString(startMillis));
    Path tmp = dir.resolve(RUN + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, null);
    }
    Files.move(tmp, dir.resolve(RUN), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Records that a kill was asked for, so a restarted agent reports the end as TASK_KILLED. */
  public void markKilled() throws IOException {
    Files.createDirectories(dir);
    Files.write(dir.resolve(KILLED), new byte[0]);
  }

  public boolean killRequested() {
    return Files.exists(dir.resolve(KILLED));
  }

  /** The command's exit status as the executor wrapper recorded it, or null. */
  public Integer exitCode() {
    try {
      return Integer.valueOf(Files.readString(exitFile(), StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /** Deletes the checkpoint (the master is done with the task). */
  public void delete() {
    deleteTree(dir);
  }

  /** Every task checkpointed under {@code root}; unreadable ones are deleted and skipped. */
  public static List<TaskCheckpoint> readAll(Path root) {
    List<TaskCheckpoint> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    List<Path> runs;
    try (Stream<Path> s = Files.walk(root, 5)) {
      runs = s.filter(f -> f.getFileName().toString().equals(RUN)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read agent checkpoints in " + root, e);
    }
    for (Path run : runs) {
      Path dir = run.getParent();
      try {
        out.add(read(dir));
      } catch (IOException | RuntimeException e) {
        LOG.warn("Ignoring the unreadable task checkpoint {}: {}", dir, e.toString());
        deleteTree(dir);
      }
    }
    return out;
  }

  private static TaskCheckpoint read(Path dir) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(RUN), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Protos.TaskInfo task;
    try {
      task = Protos.TaskInfo.parseFrom(Files.readAllBytes(dir.resolve(INFO)));
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("bad " + INFO + ": " + e.getMessage(), e);
    }
    return new TaskCheckpoint(dir, required(p, "agent"), required(p, "framework"),
        required(p, "executor"), task, Path.of(required(p, "sandbox")),
        Boolean.parseBoolean(p.getProperty("recoverable")),
        Long.parseLong(required(p, "pid")), Long.parseLong(required(p, "start")));
  }

  private static String required(Properties p, String key) throws IOException {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IOException("no '" + key + "' in " + RUN);
    }
    return v;
  }

  private static void replace(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      LOG.debug("cannot delete {}", root, e);
    }
  }
}
