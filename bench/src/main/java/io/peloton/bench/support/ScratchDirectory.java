package io.peloton.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** A temporary directory a benchmark's store lives in; deleted with everything in it on close. */
public final class ScratchDirectory implements AutoCloseable {
  private final Path path;

  private ScratchDirectory(Path path) {
    this.path = path;
  }

  public static ScratchDirectory create(String prefix) {
    try {
      return new ScratchDirectory(Files.createTempDirectory(prefix));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code sqlite:<dir>/<file>}: a fresh SQLite store in this directory. */
  public String sqliteUrl(String file) {
    return "sqlite:" + path.resolve(file);
  }

  @Override
  public void close() {
    deleteTree(path);
  }

  /** Deletes a directory and everything below it; says so on stderr when it cannot. */
  public static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
