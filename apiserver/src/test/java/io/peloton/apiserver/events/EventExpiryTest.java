package io.peloton.apiserver.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.peloton.api.ResourceTypes;
import io.peloton.apiserver.cache.WatchCache;
import io.peloton.apiserver.cache.WatchFilter;
import io.peloton.apiserver.storage.sqlite.SqliteStore;
import io.peloton.apiserver.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events not seen for longer than the TTL are deleted; repeated ones live on. */
class EventExpiryTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  @TempDir
  Path dir;

  private SqliteStore store;
  private WatchCache cache;
  private final ManualClock clock = new ManualClock(T0);

  @BeforeEach
  void open() throws Exception {
    store = SqliteStore.open(dir.resolve("store.db"));
    cache = new WatchCache(store, 1024);
    cache.start().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() {
    cache.close();
    store.close();
  }

  private long putEvent(String name, Instant last) throws Exception {
    String json = "{\"apiVersion\":\"peloton.io/v1\",\"kind\":\"Event\",\"metadata\":{"
        + "\"name\":\"" + name + "\",\"namespace\":\"default\",\"creationTimestamp\":\""
        + T0 + "\"},\"involvedObject\":{\"kind\":\"Job\",\"name\":\"j\"},\"reason\":\"Killing\","
        + "\"count\":1,\"firstTimestamp\":\"" + T0 + "\",\"lastTimestamp\":\"" + last + "\"}";
    String key = ResourceTypes.EVENT.key("default", name);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    var existing = store.get(key).get();
    return existing == null ? store.create(key, bytes).get()
        : store.update(key, bytes, existing.modRevision()).get();
  }

  private Set<String> cachedEvents() {
    return cache.list(WatchFilter.all(ResourceTypes.EVENT)).items().stream()
        .map(o -> o.name()).collect(Collectors.toSet());
  }

  @Test
  void eventsLastSeenLongerThanTheTtlAgoAreDeletedAndRepeatedOnesStay() throws Exception {
    EventExpiry expiry = new EventExpiry(store, cache, clock, Duration.ofHours(1));
    putEvent("old", T0);
    putEvent("repeated", T0);
    long last = putEvent("recent", T0.plus(Duration.ofMinutes(30)));
    cache.awaitRevision(last).get(30, TimeUnit.SECONDS);

    clock.set(T0.plus(Duration.ofMinutes(59)));
    assertEquals(0, expiry.sweep().get(30, TimeUnit.SECONDS), "nothing is an hour old yet");

    // "repeated" happens again just before the hour is up: its TTL runs from its last time
    long repeated = putEvent("repeated", T0.plus(Duration.ofMinutes(59)));
    cache.awaitRevision(repeated).get(30, TimeUnit.SECONDS);
    clock.set(T0.plus(Duration.ofMinutes(61)));
    assertEquals(1, expiry.sweep().get(30, TimeUnit.SECONDS));
    Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> cachedEvents().equals(Set.of("repeated", "recent")));
    assertEquals(null, store.get(ResourceTypes.EVENT.key("default", "old")).get());

    clock.set(T0.plus(Duration.ofHours(2)));
    assertEquals(2, expiry.sweep().get(30, TimeUnit.SECONDS));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cachedEvents().isEmpty());
  }

  @Test
  void aZeroOrNegativeTtlIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new EventExpiry(store, cache, clock, Duration.ZERO));
  }
}
