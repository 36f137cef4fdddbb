package io.peloton.client.reconcile;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.client.workqueue.ExponentialBackoff;
import io.peloton.client.workqueue.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the loop treats each kind of result, and its one-worker-per-key guarantee. */
class ReconcileLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final WorkQueue<String> queue =
      new WorkQueue<>(new ExponentialBackoff<>(Duration.ofMillis(1), Duration.ofSeconds(1)));
  private ReconcileLoop<String> loop;

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.close();
    }
  }

  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  private void run(Reconciler<String> reconciler, int workers) {
    loop = new ReconcileLoop<>("test", queue, reconciler, workers, registry).start();
  }

  private double outcomes(String result) {
    return registry.get("peloton.reconcile.total").tag("result", result).counter().count();
  }

  @Test
  void errorsAreRetriedWithGrowingBackoffAndSuccessForgetsIt() {
    List<Integer> retriesSeen = new CopyOnWriteArrayList<>();
    AtomicInteger runs = new AtomicInteger();
    run(key -> {
      retriesSeen.add(queue.numRequeues(key));
      if (runs.incrementAndGet() <= 3) {
        throw new IllegalStateException("not yet");
      }
      return Result.done();
    }, 2);
    queue.add("a");
    await().atMost(WAIT).until(() -> runs.get() == 4);
    assertEquals(List.of(0, 1, 2, 3), retriesSeen);
    await().atMost(WAIT).until(() -> queue.numRequeues("a") == 0);
    assertEquals(3.0, outcomes("error"));
    await().atMost(WAIT).until(() -> outcomes("done") == 1.0);
  }

  @Test
  void requeueAfterComesBackWithoutGrowingTheBackoff() {
    List<Integer> retriesSeen = new CopyOnWriteArrayList<>();
    AtomicInteger runs = new AtomicInteger();
    run(key -> {
      retriesSeen.add(queue.numRequeues(key));
      return runs.incrementAndGet() <= 3 ? Result.requeueAfter(Duration.ofMillis(5))
          : Result.done();
    }, 1);
    queue.add("a");
    await().atMost(WAIT).until(() -> runs.get() == 4);
    assertEquals(List.of(0, 0, 0, 0), retriesSeen);
    assertEquals(0.0, outcomes("error"));
    assertEquals(3.0, outcomes("requeue_after"));
  }

  @Test
  void errorResultsAreRetriedLikeExceptions() {
    AtomicInteger runs = new AtomicInteger();
    run(key -> runs.incrementAndGet() == 1 ? Result.error(new RuntimeException("x"))
        : Result.done(), 1);
    queue.add("a");
    await().atMost(WAIT).until(() -> runs.get() == 2);
  }

  @Test
  void terminalErrorsAreNotRetried() {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    run(key -> {
      int n = runs.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      if (key.equals("bad")) {
        throw new TerminalException("spec can never work");
      }
      // the marker requeues itself many times: by then a retry of "bad" would have run
      return n < 30 ? Result.requeueAfter(Duration.ofMillis(1)) : Result.done();
    }, 1);
    queue.add("bad");
    queue.add("marker");
    await().atMost(WAIT).until(() -> runs.containsKey("marker")
        && runs.get("marker").get() == 30);
    assertEquals(1, runs.get("bad").get());
    assertEquals(0, queue.numRequeues("bad"));
  }

  @Test
  void aKeyAddedDuringItsReconcileRunsExactlyOnceMore() {
    AtomicInteger runs = new AtomicInteger();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    run(key -> {
      if (runs.incrementAndGet() == 1) {
        release.await();
      }
      return Result.done();
    }, 4);
    queue.add("a");
    await().atMost(WAIT).until(() -> runs.get() == 1);
    queue.add("a");
    queue.add("a");
    queue.add("a");
    release.countDown();
    await().atMost(WAIT).until(() -> runs.get() == 2 && !queue.isProcessing("a")
        && queue.length() == 0);
    // another key drains through the same workers: "a" did not run a third time meanwhile
    AtomicInteger before = new AtomicInteger(runs.get());
    queue.add("b");
    await().atMost(WAIT).until(() -> runs.get() == before.get() + 1);
    assertEquals(3, runs.get());
  }

  @Test
  void manyWorkersNeverReconcileOneKeyConcurrently() {
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    run(key -> {
      if (!inFlight.add(key)) {
        overlaps.incrementAndGet();
      }
      for (int i = 0; i < 100; i++) {
        Thread.yield();
      }
      inFlight.remove(key);
      runs.incrementAndGet();
      return Result.done();
    }, 4);
    for (int i = 0; i < 2000; i++) {
      queue.add("k" + (i % 2));
    }
    await().atMost(WAIT).until(() -> queue.length() == 0 && inFlight.isEmpty()
        && !queue.isProcessing("k0") && !queue.isProcessing("k1"));
    assertEquals(0, overlaps.get());
    assertTrue(runs.get() >= 2);
  }
}
