package io.peloton.mesos.sim.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A task's process group: the executor wrapper starts under {@code setsid}, so its pid is the
 * group id and everything the task forks stays in the group unless it leaves on purpose. Members
 * are found in {@code /proc} (Linux), as a Mesos agent finds a container's processes in its
 * cgroup. Blocking I/O: not on an event loop.
 */
final class ProcessGroup {
  private ProcessGroup() {}

  /** The live process with this pid if it is still the one started at {@code startMillis}. */
  static Optional<ProcessHandle> same(long pid, long startMillis) {
    if (pid <= 0) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(h -> startMillis(h) == startMillis);
  }

  /** When the process started (epoch millis), or -1 when unknown. */
  static long startMillis(ProcessHandle h) {
    return h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
  }

  /**
   * Sends SIGTERM (or SIGKILL when {@code force}) to every process of the group whose leader was
   * started at {@code leaderStartMillis}. The kernel does not hand out a pid still used as a group
   * id, so a group without a live leader is still ours; a live leader started at another time
   * means the pid was re-used, and that group is left alone.
   */
  static void signal(long pgid, long leaderStartMillis, boolean force) {
    Optional<ProcessHandle> leader = ProcessHandle.of(pgid).filter(ProcessHandle::isAlive);
    if (leader.isPresent() && startMillis(leader.get()) != leaderStartMillis) {
      return;
    }
    for (ProcessHandle h : members(pgid)) {
      if (force) {
        h.destroyForcibly();
      } else {
        h.destroy();
      }
    }
  }

  /** Whether any process of the group is alive. */
  static boolean alive(long pgid) {
    return !members(pgid).isEmpty();
  }

  private static List<ProcessHandle> members(long pgid) {
    List<ProcessHandle> out = new ArrayList<>();
    if (pgid <= 1) {
      return out; // never the whole session or init
    }
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(p -> {
            if (groupOf(p) == pgid) {
              ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(out::add);
            }
          });
    } catch (IOException e) {
      ProcessHandle.of(pgid).ifPresent(out::add); // no /proc: at least the leader
    }
    return out;
  }

  /** Field 5 of /proc/PID/stat (pgrp); the command name before it may hold spaces. */
  private static long groupOf(Path proc) {
    try {
      String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[2]);
    } catch (IOException | RuntimeException e) {
      return -1; // gone meanwhile
    }
  }
}
