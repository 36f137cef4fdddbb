package io.peloton.apiserver.storage.sqlite;

import io.peloton.apiserver.storage.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <db>.revision}: the last revision known durable in the store, kept outside the database
 * so a store that lost data it had (a truncated file, a WAL whose tail SQLite silently drops
 * after a bad checksum) is noticed at open instead of being served as if nothing happened.
 *
 * <p>The marker may lag the database (it is written at most once a second, off the writer
 * thread), never lead it: before it records revision R it fsyncs the WAL and the database, so R
 * survives even a power loss, and a crash can only leave it behind, which reads as no damage.
 */
final class RevisionMarker {
  private static final Logger LOG = LoggerFactory.getLogger(RevisionMarker.class);
  private static final String PREFIX = "revision=";

  private final Path db;
  private final Path marker;
  private long recorded;

  RevisionMarker(Path db) {
    this.db = db;
    this.marker = db.resolveSibling(db.getFileName() + ".revision");
    this.recorded = -1;
  }

  /** The marker file. */
  Path file() {
    return marker;
  }

  /** The recorded revision, or -1 when there is no marker (a new store, or one from before). */
  long read() {
    String text;
    try {
      text = Files.readString(marker, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new StoreException.Unavailable("cannot read " + marker + ": " + e.getMessage(), e);
    }
    try {
      if (text.startsWith(PREFIX)) {
        return Long.parseLong(text.substring(PREFIX.length()).trim());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new StoreException.Unavailable(marker + " is not a revision marker (it holds '"
        + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'); if the store "
        + db + " is intact, delete the marker or open with recover=true", null);
  }

  /**
   * Checks what the database holds against the marker at open; throws when the database has
   * less than it had, unless {@code recover}, which accepts it (loudly) and records it.
   */
  void check(long found, boolean recover) {
    long expected = read();
    if (expected > found) {
      String lost = db + " holds revision " + found + " but " + marker + " records that revision "
          + expected + " was committed" + (found == 0 ? " (the database is empty or new)" : "")
          + ": " + (expected - found) + " revision(s) are missing (a truncated or replaced "
          + "database, or a damaged WAL whose tail SQLite dropped)";
      if (!recover) {
        throw new StoreException.Unavailable("refusing to serve a damaged store: " + lost
            + ". Restore the files from a backup, or start with --store-recover (store URL "
            + "sqlite:" + db + "?recover=true) to accept what is left", null);
      }
      LOG.warn("recovering a damaged store as asked: {}; serving revision {} and recording it",
          lost, found);
      write(found);
    } else if (expected < 0 && found > 0) {
      LOG.info("{} has no revision marker yet: recording revision {}", db, found);
      write(found);
    } else {
      recorded = expected;
    }
  }

  /** Records {@code revision} once the database files are on disk; no-op if not newer. */
  void advance(long revision) {
    if (revision <= recorded) {
      return;
    }
    try {
      // what COMMIT put in the OS (synchronous=NORMAL) reaches the disk before the marker says so
      sync(Path.of(db + "-wal"));
      sync(db);
      write(revision);
    } catch (StoreException e) {
      LOG.warn("could not update {}: {}", marker, e.getMessage());
    }
  }

  private static void sync(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (NoSuchFileException e) {
      // no WAL right now (checkpointed and removed): its frames are in the synced database
    } catch (IOException e) {
      throw new StoreException.Unavailable("cannot sync " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the marker atomically: a temporary file, fsync, rename, fsync of the directory. */
  private void write(long revision) {
    Path temp = marker.resolveSibling(marker.getFileName() + ".tmp");
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(ByteBuffer.wrap((PREFIX + revision + "\n").getBytes(StandardCharsets.UTF_8)));
        out.force(true);
      }
      Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      Path dir = marker.toAbsolutePath().getParent();
      try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
        directory.force(true);
      }
      recorded = revision;
    } catch (IOException e) {
      throw new StoreException.Unavailable("cannot write " + marker + ": " + e.getMessage(), e);
    }
  }
}
