package io.peloton.apiserver.storage.sqlite;

import io.peloton.apiserver.storage.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <file>.lock}: revisions are assigned in memory by the one writer,
 * so a second store (in this or another process) on the same file must be refused up front.
 */
final class StoreFileLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StoreFileLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StoreFileLock acquire(Path file) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw inUse(file, null);
      }
      return new StoreFileLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw inUse(file, e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException.Unavailable(
          "cannot lock sqlite store " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  private static StoreException inUse(Path file, Throwable cause) {
    return new StoreException.Unavailable(
        "sqlite store " + file + " is already open by another store or process", cause);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
