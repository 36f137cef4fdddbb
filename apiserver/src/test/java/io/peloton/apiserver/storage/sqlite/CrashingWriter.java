package io.peloton.apiserver.storage.sqlite;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Child process for the crash test: creates keys until killed, printing each acknowledged one
 * ("acked KEY REVISION") the moment its future completes.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  public static void main(String[] args) throws Exception {
    SqliteStore store = SqliteStore.open(Path.of(args[0]));
    Semaphore inFlight = new Semaphore(32);
    Object out = new Object();
    for (long i = 0; ; i++) {
      inFlight.acquire();
      String key = "/crash/" + i;
      store.create(key, new byte[512]).whenComplete((revision, error) -> {
        if (error == null) {
          synchronized (out) {
            System.out.println("acked " + key + " " + revision);
            System.out.flush();
          }
        }
        inFlight.release();
      });
    }
  }
}
