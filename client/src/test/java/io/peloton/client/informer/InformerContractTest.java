package io.peloton.client.informer;

import static io.peloton.client.testing.Leases.lease;
import static io.peloton.client.testing.Leases.withHolder;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.api.event.Event;
import io.peloton.api.lease.Lease;
import io.peloton.client.ApiClient;
import io.peloton.client.ObjectKey;
import io.peloton.client.TypedClient;
import io.peloton.client.testing.ApiServerFixture;
import io.peloton.client.testing.RecordingHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The informer against a real API server over a real store: events, restarts, 410, bookmarks,
 * indexes, resync, metrics. Each test uses its own label so tests sharing a store stay apart.
 */
abstract class InformerContractTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private ApiServerFixture server;
  private TypedClient<Lease> leases;
  private Informer<Lease> informer;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RecordingHandler<Lease> recorder = new RecordingHandler<>();
  private String run;

  /** A store URL for this test (a fresh store, or a shared one). */
  abstract String storeUrl();

  @BeforeEach
  void startServer() {
    server = ApiServerFixture.start(storeUrl());
    leases = TypedClient.of(server.client(), Lease.class);
    run = "r" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stopAll() {
    if (informer != null) {
      informer.close();
    }
    server.close();
  }

  private Lease create(String name, String holder) {
    return leases.create(lease(run + "-" + name, Map.of("run", run), holder));
  }

  private String name(String n) {
    return run + "-" + n;
  }

  private Informer<Lease> startInformer(InformerConfig config) {
    // a fresh client: it must survive server restarts on its own
    informer = new Informer<>(TypedClient.of(new ApiClient(server.url(), null), Lease.class),
        config.withLabelSelector("run=" + run).withBackoff(Duration.ofMillis(50),
            Duration.ofMillis(500)), registry);
    informer.addHandler(recorder);
    informer.start();
    await().atMost(WAIT).until(informer::hasSynced);
    return informer;
  }

  private Set<String> cachedNames() {
    return informer.cache().list().stream().map(l -> l.metadata().name())
        .collect(Collectors.toSet());
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void listsThenSeesAddsUpdatesAndDeletes() {
    create("a", "x");
    startInformer(InformerConfig.defaults());
    assertEquals(Set.of(name("a")), cachedNames());
    await().atMost(WAIT).until(() -> recorder.events().contains("ADD " + name("a")));

    Lease b = create("b", "x");
    await().atMost(WAIT).until(() -> recorder.events().contains("ADD " + name("b")));
    leases.update(withHolder(b, "y"));
    await().atMost(WAIT).until(() -> recorder.events().contains("UPDATE " + name("b")));
    assertEquals("y", informer.cache().get(ObjectKey.cluster(name("b"))).orElseThrow()
        .spec().holderIdentity());

    leases.delete(null, name("a"));
    await().atMost(WAIT).until(() -> recorder.events().contains("DELETE " + name("a")));
    assertEquals(Set.of(name("b")), cachedNames());
    await().atMost(WAIT).until(() -> gauge("peloton.informer.watching") == 1.0);
  }

  @Test
  void survivesAnApiServerRestartAndCatchesUpOnDeletesMadeMeanwhile() {
    create("a", "x");
    create("b", "x");
    startInformer(InformerConfig.defaults());
    await().atMost(WAIT).until(informer::isWatching);

    server.whileDown(other -> {
      TypedClient<Lease> meanwhile = TypedClient.of(new ApiClient(other.url(), null),
          Lease.class);
      meanwhile.delete(null, name("a"));
      meanwhile.create(lease(name("c"), Map.of("run", run), "x"));
    });
    await().atMost(WAIT).until(() -> !informer.isWatching());
    assertEquals(0.0, gauge("peloton.informer.watching"));
    server.startAgain();

    await().atMost(WAIT).until(() -> cachedNames().equals(Set.of(name("b"), name("c"))));
    assertTrue(recorder.events().stream().anyMatch(e -> e.startsWith("DELETE " + name("a"))),
        recorder.events().toString());
    assertTrue(recorder.events().contains("ADD " + name("c")));
    await().atMost(WAIT).until(informer::isWatching);

    // and it keeps watching on the new server
    create("d", "x");
    await().atMost(WAIT).until(() -> cachedNames().contains(name("d")));
  }

  @Test
  void relistsOn410AndReportsDeletesItInferred() {
    create("a", "x");
    create("b", "x");
    startInformer(InformerConfig.defaults());
    await().atMost(WAIT).until(informer::isWatching);
    String before = informer.resourceVersion();

    server.whileDown(other -> {
      TypedClient<Lease> meanwhile = TypedClient.of(new ApiClient(other.url(), null),
          Lease.class);
      meanwhile.delete(null, name("a"));
      Lease c = meanwhile.create(lease(name("c"), Map.of("run", run), "x"));
      // history up to now is gone: the informer's version is too old to watch from
      other.compact(Long.parseLong(c.metadata().resourceVersion()));
    });
    server.startAgain();

    await().atMost(WAIT).until(() -> recorder.events().contains("DELETE " + name("a")
        + " unknown"));
    await().atMost(WAIT).until(() -> cachedNames().equals(Set.of(name("b"), name("c"))));
    assertEquals(1.0, registry.get("peloton.informer.relists").counter().count());
    assertTrue(Long.parseLong(informer.resourceVersion()) > Long.parseLong(before));
    // b did not change: no update for it
    assertEquals(0, recorder.count("UPDATE " + name("b")));

    create("d", "x");
    await().atMost(WAIT).until(() -> cachedNames().contains(name("d")));
  }

  @Test
  void bookmarksAdvanceTheResourceVersionOfAQuietWatch() {
    startInformer(InformerConfig.defaults());
    await().atMost(WAIT).until(informer::isWatching);
    long listed = Long.parseLong(informer.resourceVersion());

    // a change the informer's selector does not match: only a bookmark can tell it about it
    Lease other = leases.create(lease(name("other"), Map.of("run", run + "-not"), "x"));
    long written = Long.parseLong(other.metadata().resourceVersion());
    assertTrue(written > listed);
    await().atMost(WAIT).until(() -> Long.parseLong(informer.resourceVersion()) >= written);
    assertTrue(cachedNames().isEmpty());
    assertTrue(recorder.events().isEmpty(), recorder.events().toString());
  }

  @Test
  void indexesByLabelAndByFieldFollowChanges() {
    startInformer(InformerConfig.defaults());
    informer.addIndex("holder", Indexes.byField("spec.holderIdentity"))
        .addIndex("run", Indexes.byLabel("run"));
    Lease a = create("a", "h1");
    create("b", "h1");
    create("c", "h2");
    await().atMost(WAIT).until(() -> informer.cache().size() == 3);

    assertEquals(Set.of(name("a"), name("b")), names(informer.cache().byIndex("holder", "h1")));
    assertEquals(Set.of(name("c")), names(informer.cache().byIndex("holder", "h2")));
    assertEquals(3, informer.cache().byIndex("run", run).size());

    leases.update(withHolder(leases.get(null, a.metadata().name()), "h2"));
    await().atMost(WAIT).until(() -> names(informer.cache().byIndex("holder", "h2"))
        .equals(Set.of(name("a"), name("c"))));
    assertEquals(Set.of(name("b")), names(informer.cache().byIndex("holder", "h1")));

    leases.delete(null, name("b"));
    await().atMost(WAIT).until(() -> !informer.cache().indexValues("holder").contains("h1"));
  }

  @Test
  void aWriterCanWaitUntilTheCacheHasItsOwnWrite() throws Exception {
    startInformer(InformerConfig.defaults());
    Lease a = create("a", "x");
    assertTrue(informer.awaitResourceVersion(a.metadata().resourceVersion(), WAIT));
    assertTrue(informer.cache().get(ObjectKey.cluster(name("a"))).isPresent());
    long next = Long.parseLong(a.metadata().resourceVersion()) + 1000;
    assertFalse(informer.awaitResourceVersion(Long.toString(next), Duration.ofMillis(50)));
  }

  @Test
  void resyncRedeliversEveryCachedObject() {
    create("a", "x");
    create("b", "x");
    startInformer(InformerConfig.defaults().withResyncPeriod(Duration.ofMillis(200)));
    await().atMost(WAIT).until(() -> recorder.count("RESYNC " + name("a")) >= 2
        && recorder.count("RESYNC " + name("b")) >= 2);
  }

  @Test
  void aLateHandlerIsToldAboutObjectsAlreadyCached() {
    create("a", "x");
    startInformer(InformerConfig.defaults());
    RecordingHandler<Lease> late = new RecordingHandler<>();
    informer.addHandler(late);
    await().atMost(WAIT).until(() -> late.events().contains("ADD " + name("a")));
    create("b", "x");
    await().atMost(WAIT).until(() -> late.events().contains("ADD " + name("b")));
    assertFalse(late.events().stream().anyMatch(e -> e.startsWith("DELETE")));
  }

  @Test
  void reportsItsHealthAsMeters() {
    startInformer(InformerConfig.defaults());
    await().atMost(WAIT).until(() -> gauge("peloton.informer.watching") == 1.0);
    assertEquals(1.0, gauge("peloton.informer.synced"));
    create("a", "x");
    await().atMost(WAIT).until(() -> gauge("peloton.informer.objects") == 1.0);
    assertTrue(registry.get("peloton.informer.last.event.age").timeGauge()
        .value(java.util.concurrent.TimeUnit.SECONDS) >= 0);
    informer.close();
    assertTrue(registry.find("peloton.informer.watching").gauges().isEmpty());
  }

  @Test
  void aNamespacedInformerSeesOnlyItsNamespace() {
    TypedClient<Event> events = server.client().typed(Event.class);
    String mine = run + "-a";
    String theirs = run + "-b";
    events.create(event(mine, "e1", "job-1"));
    events.create(event(theirs, "e2", "job-1"));
    try (Informer<Event> ns = new Informer<>(events, InformerConfig.defaults().inNamespace(mine));
        Informer<Event> all = new Informer<>(events, InformerConfig.defaults())) {
      ns.addIndex("object", Indexes.byField("involvedObject.name")).start();
      all.start();
      await().atMost(WAIT).until(() -> ns.hasSynced() && all.hasSynced());
      events.create(event(mine, "e3", "job-2"));
      await().atMost(WAIT).until(() -> ns.cache().size() == 2);
      assertTrue(ns.cache().get(mine, "e1").isPresent());
      assertFalse(ns.cache().get(theirs, "e2").isPresent());
      assertEquals(1, ns.cache().byIndex("object", "job-2").size());
      await().atMost(WAIT).until(() -> all.cache().get(theirs, "e2").isPresent()
          && all.cache().get(mine, "e3").isPresent());
    }
  }

  @Test
  void largeCollectionsAreListedPageByPage() {
    java.util.List<com.fasterxml.jackson.databind.JsonNode> many = new java.util.ArrayList<>();
    for (int i = 0; i < 1203; i++) {
      many.add(ApiClient.tree(lease(name("bulk-" + i), Map.of("run", run), "x")));
    }
    for (int from = 0; from < many.size(); from += 500) {
      server.client().createAll(io.peloton.api.ResourceTypes.LEASE, null,
          many.subList(from, Math.min(many.size(), from + 500)));
    }
    startInformer(InformerConfig.defaults());
    assertEquals(1203, informer.cache().size());
    await().atMost(WAIT).until(() -> recorder.events().size() == 1203);
  }

  private static Event event(String namespace, String name, String about) {
    return new Event(io.peloton.api.ApiObject.API_VERSION, "Event",
        io.peloton.api.meta.ObjectMeta.named(namespace, name),
        new io.peloton.api.event.ObjectReference(io.peloton.api.ApiObject.API_VERSION, "Job",
            namespace, about, null, null, null),
        "Scheduled", "placed", Event.EventType.Normal, 1, null, null, null, "test", null);
  }

  private static Set<String> names(java.util.List<Lease> ls) {
    return ls.stream().map(l -> l.metadata().name()).collect(Collectors.toSet());
  }
}
