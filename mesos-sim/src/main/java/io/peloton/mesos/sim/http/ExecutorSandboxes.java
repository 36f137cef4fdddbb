package io.peloton.mesos.sim.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Mesos agents' virtual sandbox paths, {@code /frameworks/<fw>/executors/<executor>/runs/latest},
 * mapped onto the simulator's layout {@code <root>/<agent>/<fw>/<executor>/<task>} (the newest
 * run when an executor has several). Blocking: call off the event loop.
 */
final class ExecutorSandboxes {
  private static final Pattern VIRTUAL =
      Pattern.compile("/frameworks/([^/]+)/executors/([^/]+)/runs/latest(/.*)?");

  private ExecutorSandboxes() {}

  static boolean isVirtual(String path) {
    return VIRTUAL.matcher(path).matches();
  }

  /** The real path of a virtual one, or empty when no agent has that executor's sandbox. */
  static Optional<Path> resolve(Path root, String virtual) throws IOException {
    Matcher m = VIRTUAL.matcher(virtual);
    if (!m.matches() || m.group(1).contains("..") || m.group(2).contains("..")) {
      return Optional.empty();
    }
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    Path newest = null;
    try (Stream<Path> agents = Files.list(root)) {
      for (Path agent : agents.toList()) {
        Path executor = agent.resolve(m.group(1)).resolve(m.group(2));
        if (!Files.isDirectory(executor)) {
          continue;
        }
        try (Stream<Path> runs = Files.list(executor)) {
          Path run = runs.filter(Files::isDirectory)
              .max(Comparator.comparingLong(ExecutorSandboxes::modified)).orElse(null);
          if (run != null && (newest == null || modified(run) > modified(newest))) {
            newest = run;
          }
        }
      }
    }
    if (newest == null) {
      return Optional.empty();
    }
    String rest = m.group(3) == null ? "" : m.group(3).substring(1);
    Path out = (rest.isEmpty() ? newest : newest.resolve(rest)).normalize();
    return out.startsWith(newest) ? Optional.of(out) : Optional.empty();
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
