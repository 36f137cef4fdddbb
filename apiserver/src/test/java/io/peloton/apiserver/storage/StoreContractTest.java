package io.peloton.apiserver.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The storage port's contract, run against every backend by a small subclass each. */
public abstract class StoreContractTest {
  protected Store store;
  /** A key prefix of this test's own, so tests can share a backend. */
  protected String prefix;
  private final List<Watch> watches = new ArrayList<>();

  /** A store for one test (closed after it). */
  protected abstract Store openStore() throws Exception;

  @BeforeEach
  void openIt() throws Exception {
    store = openStore();
    prefix = "/registry/test/" + UUID.randomUUID() + "/";
  }

  @AfterEach
  void closeIt() {
    watches.forEach(Watch::close);
    store.close();
  }

  protected static <T> T await(CompletableFuture<T> future) throws Exception {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The exception the future failed with (failing the test if it succeeded). */
  protected static Throwable failure(CompletableFuture<?> future) throws Exception {
    try {
      Object value = future.get(60, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("no outcome within 60 s", e);
    }
  }

  protected static byte[] bytes(String value) {
    return value.getBytes(UTF_8);
  }

  protected static String text(byte[] value) {
    return new String(value, UTF_8);
  }

  protected RecordingListener watch(long afterRevision) {
    RecordingListener listener = new RecordingListener();
    watches.add(store.watch(prefix, afterRevision, listener));
    return listener;
  }

  @Test
  void createThenCreateAgainIsKeyExists() throws Exception {
    long revision = await(store.create(prefix + "a", bytes("one")));
    assertTrue(revision > 0);
    Throwable error = failure(store.create(prefix + "a", bytes("two")));
    assertInstanceOf(StoreException.KeyExists.class, error);
    KeyValue kv = await(store.get(prefix + "a"));
    assertEquals("one", text(kv.value()));
    assertEquals(revision, kv.createRevision());
    assertEquals(revision, kv.modRevision());
  }

  @Test
  void updateAtCurrentRevisionSucceedsAndStaleOneConflictsWithCurrentValue() throws Exception {
    long created = await(store.create(prefix + "a", bytes("v1")));
    long updated = await(store.update(prefix + "a", bytes("v2"), created));
    assertTrue(updated > created);

    Throwable error = failure(store.update(prefix + "a", bytes("v3"), created));
    StoreException.Conflict conflict = assertInstanceOf(StoreException.Conflict.class, error);
    assertEquals("v2", text(conflict.current().value()));
    assertEquals(updated, conflict.current().modRevision());
    assertEquals(created, conflict.current().createRevision());
    assertEquals("v2", text(await(store.get(prefix + "a")).value()));
  }

  @Test
  void updateOrDeleteOfMissingKeyIsNotFound() throws Exception {
    assertInstanceOf(StoreException.NotFound.class,
        failure(store.update(prefix + "missing", bytes("x"), 5)));
    assertInstanceOf(StoreException.NotFound.class, failure(store.delete(prefix + "missing", 0)));
    assertInstanceOf(StoreException.NotFound.class, failure(store.delete(prefix + "missing", 7)));
    assertNull(await(store.get(prefix + "missing")));
  }

  @Test
  void deleteChecksTheRevisionAndDeletedKeyCanBeCreatedAgain() throws Exception {
    long created = await(store.create(prefix + "a", bytes("v1")));
    long updated = await(store.update(prefix + "a", bytes("v2"), created));

    StoreException.Conflict conflict = assertInstanceOf(StoreException.Conflict.class,
        failure(store.delete(prefix + "a", created)));
    assertEquals(updated, conflict.current().modRevision());

    long deleted = await(store.delete(prefix + "a", updated));
    assertTrue(deleted > updated);
    assertNull(await(store.get(prefix + "a")));
    assertInstanceOf(StoreException.NotFound.class, failure(store.delete(prefix + "a", 0)));

    long again = await(store.create(prefix + "a", bytes("v3")));
    assertTrue(again > deleted);
    KeyValue kv = await(store.get(prefix + "a"));
    assertEquals(again, kv.createRevision());
    assertEquals("v3", text(kv.value()));
  }

  @Test
  void deleteWithoutRevisionDeletesWhatever() throws Exception {
    await(store.create(prefix + "a", bytes("v1")));
    long deleted = await(store.delete(prefix + "a", 0));
    assertTrue(deleted > 0);
    assertNull(await(store.get(prefix + "a")));
  }

  @Test
  void badInputIsRejectedNamingTheField() throws Exception {
    Throwable noKey = failure(store.create("", bytes("x")));
    assertInstanceOf(IllegalArgumentException.class, noKey);
    assertTrue(noKey.getMessage().contains("key"), noKey.getMessage());
    Throwable noValue = failure(store.create(prefix + "a", null));
    assertTrue(noValue.getMessage().contains("value"), noValue.getMessage());
  }

  @Test
  void listPagesAtTheFirstPagesRevisionSoLaterWritesDoNotLeakIn() throws Exception {
    Map<String, String> original = new TreeMap<>();
    for (String name : List.of("a", "c", "e", "g", "i")) {
      await(store.create(prefix + name, bytes("old-" + name)));
      original.put(prefix + name, "old-" + name);
    }
    await(store.create(prefix.substring(0, prefix.length() - 1) + "-sibling", bytes("other")));

    Page first = await(store.list(prefix, 0, null, 2));
    assertEquals(List.of(prefix + "a", prefix + "c"), keys(first));
    assertTrue(first.more());

    // changes after the first page: a new key inside page two's range, an update, a delete
    await(store.create(prefix + "f", bytes("new")));
    KeyValue e = await(store.get(prefix + "e"));
    await(store.update(prefix + "e", bytes("changed"), e.modRevision()));
    await(store.delete(prefix + "g", 0));

    Page second = await(store.list(prefix, first.revision(), prefix + "c", 2));
    assertEquals(first.revision(), second.revision());
    assertEquals(List.of(prefix + "e", prefix + "g"), keys(second));
    assertEquals("old-e", text(second.items().get(0).value()));
    assertTrue(second.more());

    Page third = await(store.list(prefix, first.revision(), prefix + "g", 2));
    assertEquals(List.of(prefix + "i"), keys(third));
    assertFalse(third.more());

    Page now = await(store.list(prefix, 0, null, 0));
    assertEquals(List.of(prefix + "a", prefix + "c", prefix + "e", prefix + "f", prefix + "i"),
        keys(now));
    assertEquals("changed", text(now.items().get(2).value()));
    assertFalse(now.more());
  }

  @Test
  void listAtAnOldRevisionShowsTheValuesOfThen() throws Exception {
    long a1 = await(store.create(prefix + "a", bytes("a1")));
    long b1 = await(store.create(prefix + "b", bytes("b1")));
    await(store.update(prefix + "a", bytes("a2"), a1));
    await(store.delete(prefix + "b", b1));
    await(store.create(prefix + "c", bytes("c1")));

    Page then = await(store.list(prefix, b1, null, 0));
    assertEquals(b1, then.revision());
    assertEquals(List.of(prefix + "a", prefix + "b"), keys(then));
    assertEquals("a1", text(then.items().get(0).value()));
    assertEquals(a1, then.items().get(0).modRevision());

    Page now = await(store.list(prefix, 0, null, 0));
    assertEquals(List.of(prefix + "a", prefix + "c"), keys(now));
    assertEquals("a2", text(now.items().get(0).value()));
  }

  @Test
  void watchFromAnOldRevisionReplaysEveryLaterChangeInOrderThenGoesLive() throws Exception {
    long start = await(store.create(prefix + "a", bytes("a1")));
    long a2 = await(store.update(prefix + "a", bytes("a2"), start));
    long b1 = await(store.create(prefix + "b", bytes("b1")));
    await(store.create("/elsewhere/" + UUID.randomUUID(), bytes("not ours")));
    long deleted = await(store.delete(prefix + "a", a2));

    RecordingListener listener = watch(start);
    List<WatchEvent> history = listener.awaitEvents(3);
    assertEquals(List.of(a2, b1, deleted), revisions(history));
    assertEquals(WatchEvent.Type.PUT, history.get(0).type());
    assertFalse(history.get(0).created());
    assertTrue(history.get(1).created());
    assertEquals(WatchEvent.Type.DELETE, history.get(2).type());

    long c1 = await(store.create(prefix + "c", bytes("c1")));
    List<WatchEvent> all = listener.awaitEvents(4);
    assertEquals(List.of(a2, b1, deleted, c1), revisions(all));
    assertEquals("c1", text(all.get(3).value()));
    assertTrue(listener.errors().isEmpty());
    assertFalse(listener.overlapped());
  }

  @Test
  void watchFromTheCurrentRevisionSeesOnlyNewChanges() throws Exception {
    await(store.create(prefix + "old", bytes("old")));
    long now = await(store.currentRevision());
    RecordingListener listener = watch(now);
    long fresh = await(store.create(prefix + "new", bytes("new")));
    List<WatchEvent> events = listener.awaitEvents(1);
    assertEquals(prefix + "new", events.get(0).key());
    assertEquals(fresh, events.get(0).revision());
    long more = await(store.create(prefix + "newer", bytes("newer")));
    assertEquals(List.of(fresh, more), revisions(listener.awaitEvents(2)));
  }

  @Test
  void deleteEventsCarryTheLastValue() throws Exception {
    long now = await(store.currentRevision());
    RecordingListener live = watch(now);
    long created = await(store.create(prefix + "a", bytes("first")));
    long updated = await(store.update(prefix + "a", bytes("last"), created));
    long deleted = await(store.delete(prefix + "a", updated));

    WatchEvent event = live.awaitEvents(3).get(2);
    assertEquals(WatchEvent.Type.DELETE, event.type());
    assertEquals(deleted, event.revision());
    assertEquals("last", text(event.value()));

    RecordingListener replay = watch(updated); // served from history
    WatchEvent replayed = replay.awaitEvents(1).get(0);
    assertEquals(WatchEvent.Type.DELETE, replayed.type());
    assertEquals("last", text(replayed.value()));
  }

  @Test
  void compactionKeepsLatestValuesButOldRevisionsFailAsCompacted() throws Exception {
    long a1 = await(store.create(prefix + "a", bytes("a1")));
    long a2 = await(store.update(prefix + "a", bytes("a2"), a1));
    long b1 = await(store.create(prefix + "b", bytes("b1")));
    await(store.delete(prefix + "b", b1));
    long c1 = await(store.create(prefix + "c", bytes("c1")));
    long a3 = await(store.update(prefix + "a", bytes("a3"), a2));

    await(store.compact(c1));
    assertTrue(await(store.compactedRevision()) >= c1);

    StoreException.Compacted listError = assertInstanceOf(StoreException.Compacted.class,
        failure(store.list(prefix, a1, null, 0)));
    assertTrue(listError.getMessage().contains(String.valueOf(a1)), listError.getMessage());
    Throwable watchError = watch(a1).awaitError();
    assertInstanceOf(StoreException.Compacted.class, watchError);

    Page atCompaction = await(store.list(prefix, c1, null, 0));
    assertEquals(List.of(prefix + "a", prefix + "c"), keys(atCompaction));
    assertEquals("a2", text(atCompaction.items().get(0).value()));
    Page now = await(store.list(prefix, 0, null, 0));
    assertEquals("a3", text(now.items().get(0).value()));
    assertEquals(a3, now.items().get(0).modRevision());
    assertEquals(a1, now.items().get(0).createRevision());

    RecordingListener fromCompaction = watch(c1);
    assertEquals(List.of(a3), revisions(fromCompaction.awaitEvents(1)));
    assertTrue(fromCompaction.errors().isEmpty());

    await(store.compact(c1)); // compacting again to the same revision is harmless
  }

  @Test
  void createAllReportsExistingKeysAndCreatesTheRest() throws Exception {
    await(store.create(prefix + "b", bytes("was here")));
    List<CreateResult> results = await(store.createAll(List.of(
        new KeyValue.Write(prefix + "a", bytes("a")),
        new KeyValue.Write(prefix + "b", bytes("b")),
        new KeyValue.Write(prefix + "c", bytes("c")))));
    assertEquals(3, results.size());
    assertTrue(results.get(0).created());
    assertTrue(results.get(0).revision() > 0);
    assertInstanceOf(StoreException.KeyExists.class, results.get(1).error());
    assertEquals(prefix + "b", results.get(1).key());
    assertTrue(results.get(2).created());
    assertEquals("was here", text(await(store.get(prefix + "b")).value()));
    assertEquals("c", text(await(store.get(prefix + "c")).value()));
  }

  @Test
  void largeCreateAllSpanningSeveralTransactionsReportsEachItem() throws Exception {
    await(store.create(prefix + "item-0150", bytes("was here")));
    List<KeyValue.Write> writes = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      writes.add(new KeyValue.Write(prefix + String.format("item-%04d", i), bytes("v" + i)));
    }
    long now = await(store.currentRevision());
    RecordingListener listener = watch(now);
    List<CreateResult> results = await(store.createAll(writes));
    assertEquals(400, results.size());
    for (int i = 0; i < 400; i++) {
      assertEquals(writes.get(i).key(), results.get(i).key());
      assertEquals(i != 150, results.get(i).created(), "item " + i);
    }
    assertEquals(400, await(store.list(prefix, 0, null, 0)).items().size());
    List<WatchEvent> events = listener.awaitEvents(399);
    assertEquals(399, events.size());
    assertEquals(399, events.stream().map(WatchEvent::key).distinct().count());
  }

  @Test
  void concurrentCreatesGetDistinctRevisionsAndAWatcherSeesEachOnceInOrder() throws Exception {
    int count = 2000;
    long start = await(store.currentRevision());
    RecordingListener listener = watch(start);
    Semaphore inFlight = new Semaphore(64);
    Map<String, CompletableFuture<Long>> futures = new TreeMap<>();
    byte[] value = new byte[1024];
    for (int i = 0; i < count; i++) {
      String key = prefix + "obj-" + i;
      inFlight.acquire();
      CompletableFuture<Long> future = store.create(key, value);
      future.whenComplete((revision, error) -> inFlight.release());
      futures.put(key, future);
    }
    CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
        .get(120, TimeUnit.SECONDS);
    Map<String, Long> revisions = new TreeMap<>();
    futures.forEach((key, future) -> revisions.put(key, future.join()));
    assertEquals(count, revisions.size());
    assertEquals(count, new HashSet<>(revisions.values()).size(), "revisions must be distinct");
    assertTrue(revisions.values().stream().allMatch(revision -> revision > start));

    listener.awaitEvents(count);
    // events arrive in order, so once a later sentinel is in, any duplicate would be too
    long sentinel = await(store.create(prefix + "sentinel", value));
    List<WatchEvent> events = listener.awaitEvents(count + 1);
    assertEquals(sentinel, events.get(events.size() - 1).revision());
    events = events.subList(0, events.size() - 1);
    assertEquals(count, events.size(), "each create seen exactly once");
    for (int i = 1; i < events.size(); i++) {
      assertTrue(events.get(i).revision() > events.get(i - 1).revision(), "in revision order");
    }
    Set<String> seen = new HashSet<>();
    for (WatchEvent event : events) {
      assertEquals(revisions.get(event.key()), event.revision());
      assertTrue(seen.add(event.key()));
    }
    assertFalse(listener.overlapped());
  }

  @Test
  void closedWatchGetsNoMoreEvents() throws Exception {
    long now = await(store.currentRevision());
    RecordingListener listener = new RecordingListener();
    Watch handle = store.watch(prefix, now, listener);
    await(store.create(prefix + "a", bytes("a")));
    listener.awaitEvents(1);
    handle.close();
    await(store.create(prefix + "b", bytes("b")));
    RecordingListener probe = watch(now);
    probe.awaitEvents(2); // the second create has been delivered to watchers by now
    assertEquals(1, listener.events().size());
  }

  @Test
  void currentRevisionFollowsWrites() throws Exception {
    long before = await(store.currentRevision());
    long written = await(store.create(prefix + "a", bytes("a")));
    assertTrue(written > before);
    assertTrue(await(store.currentRevision()) >= written);
    assertNotNull(await(store.get(prefix + "a")));
    assertArrayEquals(bytes("a"), await(store.get(prefix + "a")).value());
  }

  protected static List<String> keys(Page page) {
    return page.items().stream().map(KeyValue::key).toList();
  }

  protected static List<Long> revisions(List<WatchEvent> events) {
    return events.stream().map(WatchEvent::revision).toList();
  }
}
