package io.peloton.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.lease.Lease;
import io.peloton.client.ApiClient;
import io.peloton.client.informer.Informer;
import io.peloton.client.informer.InformerConfig;
import io.peloton.client.testing.ApiServerFixture;
import io.peloton.client.testing.Leases;
import io.peloton.client.workqueue.WorkQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: rough figures for the client library on this machine, printed as one JSON line.
 * Informer initial sync of N objects, informer catch-up on N bulk-created objects, and work queue
 * add/get/done throughput with 4 workers over 1,000 keys.
 */
public final class ClientBenchmark {
  private ClientBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path dir = Files.createTempDirectory("client-bench");
    try (ApiServerFixture server = ApiServerFixture.start("sqlite:" + dir.resolve("s.db"))) {
      ApiClient api = server.client();
      bulk(api, "pre", n);
      long t0 = System.nanoTime();
      try (Informer<Lease> informer = new Informer<>(api.typed(Lease.class),
          InformerConfig.defaults())) {
        informer.start();
        informer.awaitSynced(Duration.ofMinutes(5));
        double syncMs = (System.nanoTime() - t0) / 1e6;
        long t1 = System.nanoTime();
        bulk(api, "live", n);
        double writeMs = (System.nanoTime() - t1) / 1e6;
        while (informer.cache().size() < 2 * n) {
          Thread.onSpinWait();
        }
        double catchUpMs = (System.nanoTime() - t1) / 1e6;
        double queueOps = queueThroughput();
        System.out.printf("{\"objects\":%d,\"informerSyncMs\":%.0f,\"bulkWriteMs\":%.0f,"
            + "\"informerCaughtUpMs\":%.0f,\"workQueueItemsPerSec\":%.0f}%n", n, syncMs, writeMs,
            catchUpMs, queueOps);
      }
    }
  }

  private static void bulk(ApiClient api, String prefix, int n) {
    List<JsonNode> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(ApiClient.tree(Leases.lease(prefix + "-" + i, Map.of("b", prefix), "x")));
      if (batch.size() == 1000 || i == n - 1) {
        api.createAll(ResourceTypes.LEASE, null, batch);
        batch.clear();
      }
    }
  }

  private static double queueThroughput() throws InterruptedException {
    WorkQueue<String> queue = new WorkQueue<>();
    AtomicLong handled = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      Thread t = new Thread(() -> {
        try {
          for (Optional<String> k = queue.get(); k.isPresent(); k = queue.get()) {
            handled.incrementAndGet();
            queue.done(k.get());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      t.start();
      workers.add(t);
    }
    long t0 = System.nanoTime();
    int adds = 2_000_000;
    for (int i = 0; i < adds; i++) {
      queue.add("k" + (i % 1000));
    }
    while (queue.length() > 0) {
      Thread.onSpinWait();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    queue.shutdown();
    for (Thread t : workers) {
      t.join();
    }
    return handled.get() / seconds;
  }
}
