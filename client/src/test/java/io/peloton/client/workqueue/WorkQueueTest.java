package io.peloton.client.workqueue;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's three client-go properties, delays and backoff, each by a test that breaks if it does. */
class WorkQueueTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final WorkQueue<String> queue =
      new WorkQueue<>(new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000)));

  @AfterEach
  void shutdown() {
    queue.shutdown();
  }

  private String take() throws InterruptedException {
    return queue.get().orElseThrow();
  }

  @Test
  void aKeyWaitingInTheQueueIsNotQueuedTwice() throws Exception {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    queue.add("a");
    assertEquals(2, queue.length());
    assertEquals("a", take());
    assertEquals("b", take());
    assertEquals(0, queue.length());
  }

  @Test
  void aKeyAddedWhileInFlightIsHandedOutOnceMoreAfterDone() throws Exception {
    queue.add("a");
    assertEquals("a", take());
    queue.add("a");
    queue.add("a");
    // not handed to another worker while the first one holds it
    assertEquals(0, queue.length());
    assertTrue(queue.isProcessing("a"));
    queue.done("a");
    assertEquals(1, queue.length());
    assertEquals("a", take());
    queue.done("a");
    // exactly once more: nothing left
    assertEquals(0, queue.length());
    assertFalse(queue.isProcessing("a"));
  }

  @Test
  void doneWithoutANewAddDoesNotRequeue() throws Exception {
    queue.add("a");
    assertEquals("a", take());
    queue.done("a");
    assertEquals(0, queue.length());
  }

  @Test
  void noKeyIsEverHeldByTwoWorkersAtOnce() throws Exception {
    Set<String> inFlight = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicInteger handled = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        try {
          while (true) {
            Optional<String> k = queue.get();
            if (k.isEmpty()) {
              return;
            }
            if (!inFlight.add(k.get())) {
              overlaps.incrementAndGet();
            }
            for (int spin = 0; spin < 200; spin++) {
              Thread.yield(); // hold the key a while so an overlap would show
            }
            inFlight.remove(k.get());
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
    for (int i = 0; i < 3000; i++) {
      queue.add("k" + (i % 3));
      if (i % 50 == 0) {
        Thread.yield();
      }
    }
    await().atMost(WAIT).until(() -> queue.length() == 0 && inFlight.isEmpty()
        && handled.get() >= 3);
    queue.shutdown();
    for (Thread t : workers) {
      t.join(WAIT.toMillis());
    }
    assertEquals(0, overlaps.get());
    assertTrue(handled.get() >= 3);
  }

  @Test
  void backoffGrowsPerKeyAndForgetResetsIt() {
    ExponentialBackoff<String> backoff =
        new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
    assertEquals(Duration.ofMillis(5), backoff.when("a"));
    assertEquals(Duration.ofMillis(10), backoff.when("a"));
    assertEquals(Duration.ofMillis(20), backoff.when("a"));
    assertEquals(Duration.ofMillis(5), backoff.when("b"), "per key");
    assertEquals(3, backoff.retries("a"));
    backoff.forget("a");
    assertEquals(0, backoff.retries("a"));
    assertEquals(Duration.ofMillis(5), backoff.when("a"));
  }

  @Test
  void backoffIsCapped() {
    ExponentialBackoff<String> backoff =
        new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
    Duration last = Duration.ZERO;
    for (int i = 0; i < 100; i++) {
      last = backoff.when("a");
    }
    assertEquals(Duration.ofSeconds(1000), last);
  }

  @Test
  void addRateLimitedCountsRetriesAndDeliversTheKey() throws Exception {
    queue.addRateLimited("a");
    assertEquals("a", take());
    queue.done("a");
    queue.addRateLimited("a");
    assertEquals("a", take());
    queue.done("a");
    assertEquals(2, queue.numRequeues("a"));
    queue.forget("a");
    assertEquals(0, queue.numRequeues("a"));
  }

  @Test
  void addAfterWaitsAndKeepsTheEarliestDeadline() throws Exception {
    queue.addAfter("a", Duration.ofHours(1));
    assertEquals(0, queue.length());
    assertEquals(1, queue.delayedCount());
    queue.addAfter("a", Duration.ofMillis(10));
    await().atMost(WAIT).until(() -> queue.length() == 1);
    assertEquals(0, queue.delayedCount());
    assertEquals("a", take());
    queue.done("a");
    // a later deadline does not postpone an earlier one
    queue.addAfter("b", Duration.ofMillis(10));
    queue.addAfter("b", Duration.ofHours(1));
    await().atMost(WAIT).until(() -> queue.length() == 1);
    assertEquals(0, queue.numRequeues("b"), "a plain delay is not a retry");
  }

  @Test
  void shutdownReleasesBlockedWorkers() throws Exception {
    AtomicReference<Optional<String>> got = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        got.set(queue.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    worker.start();
    await().atMost(WAIT).until(() -> worker.getState() == Thread.State.WAITING);
    queue.shutdown();
    worker.join(WAIT.toMillis());
    assertEquals(Optional.empty(), got.get());
    queue.add("a");
    assertEquals(0, queue.length(), "adds after shutdown are ignored");
  }

  @Test
  void tokenBucketAllowsABurstThenSpacesRetries() {
    TokenBucket<String> bucket = new TokenBucket<>(1, 2);
    assertEquals(Duration.ZERO, bucket.when("a"));
    assertEquals(Duration.ZERO, bucket.when("b"));
    assertTrue(bucket.when("c").compareTo(Duration.ofMillis(500)) > 0);
  }

  @Test
  void controllerDefaultTakesTheLongerOfBackoffAndBucket() {
    RateLimiter<String> limiter = RateLimiter.controllerDefault();
    Duration d = Duration.ZERO;
    for (int i = 0; i < 12; i++) {
      d = limiter.when("a");
    }
    assertEquals(Duration.ofMillis(5L << 11), d);
    assertEquals(12, limiter.retries("a"));
    limiter.forget("a");
    assertEquals(0, limiter.retries("a"));
  }
}
