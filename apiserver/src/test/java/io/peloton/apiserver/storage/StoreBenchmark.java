package io.peloton.apiserver.storage;

import io.peloton.apiserver.storage.sqlite.SqliteStore;
import io.peloton.apiserver.testing.EtcdProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of both backends (not a test: run by hand with the test classpath):
 * single creates of 1 KiB with 64 in flight, and one 10,000-item createAll.
 */
public final class StoreBenchmark {
  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("store-bench");
    try (Store sqlite = SqliteStore.open(dir.resolve("bench.db"))) {
      run("sqlite", sqlite);
    }
    EtcdProcess etcd = EtcdProcess.start();
    try (Store store = StoreUrl.open(etcd.storeUrl())) {
      run("etcd", store);
    } finally {
      etcd.stop();
    }
  }

  private static void run(String name, Store store) throws Exception {
    byte[] value = new byte[1024];
    creates(store, "/warmup/", 5_000, value);
    createAll(store, "/warmup-bulk/", 10_000, value);
    for (int round = 1; round <= 2; round++) {
      long start = System.nanoTime();
      int n = creates(store, "/bench/" + UUID.randomUUID() + "/", 20_000, value);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s: %d creates (1 KiB, 64 in flight) in %.2f s = %.0f/s%n", name, n,
          seconds, n / seconds);
      start = System.nanoTime();
      createAll(store, "/bulk/" + UUID.randomUUID() + "/", 10_000, value);
      seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s: createAll of 10,000 x 1 KiB in %.3f s%n", name, seconds);
      store.compact(store.currentRevision().get()).get(120, TimeUnit.SECONDS);
    }
  }

  private static int creates(Store store, String prefix, int count, byte[] value)
      throws Exception {
    Semaphore inFlight = new Semaphore(64);
    List<CompletableFuture<Long>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      CompletableFuture<Long> future = store.create(prefix + i, value);
      future.whenComplete((revision, error) -> inFlight.release());
      all.add(future);
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .handle((ignored, error) -> null).get(300, TimeUnit.SECONDS);
    long failures = all.stream().filter(CompletableFuture::isCompletedExceptionally).count();
    if (failures > 0) {
      throw new IllegalStateException(failures + " creates failed");
    }
    return count;
  }

  private static void createAll(Store store, String prefix, int count, byte[] value)
      throws Exception {
    List<KeyValue.Write> writes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      writes.add(new KeyValue.Write(prefix + i, value));
    }
    List<CreateResult> results = store.createAll(writes).get(300, TimeUnit.SECONDS);
    if (!results.stream().allMatch(CreateResult::created)) {
      throw new IllegalStateException("some bulk creates failed");
    }
  }
}
