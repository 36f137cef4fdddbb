package io.peloton.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.ApiObject;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec;
import io.peloton.api.host.HostState;
import io.peloton.api.host.HostStatus;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.client.testing.ApiServerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed CRUD, status, conflicts and watch against a real API server. */
class TypedClientTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  private ApiServerFixture server;
  private TypedClient<Host> hosts;

  @BeforeEach
  void start() {
    server = ApiServerFixture.start("sqlite:" + dir.resolve("s.db"));
    hosts = server.client().typed(Host.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Host host(String name) {
    return new Host(ApiObject.API_VERSION, "Host", ObjectMeta.named(name),
        new HostSpec(false, HostSpec.MaintenanceMode.NONE), null);
  }

  private static HostStatus up() {
    return new HostStatus(HostState.UP, "agent-1", null, null, null, null, null, null, null,
        null, null, null);
  }

  @Test
  void createsReadsUpdatesAndDeletesRecords() {
    Host created = hosts.create(host("h1"));
    assertEquals("h1", created.metadata().name());
    assertEquals(created, hosts.get(ObjectKey.cluster("h1")));

    Host cordoned = hosts.update(new Host(created.apiVersion(), created.kind(),
        created.metadata(), new HostSpec(true, HostSpec.MaintenanceMode.NONE), null));
    assertEquals(true, cordoned.spec().unschedulable());

    Host withStatus = hosts.updateStatus(new Host(cordoned.apiVersion(), cordoned.kind(),
        cordoned.metadata(), cordoned.spec(), up()));
    assertEquals(HostState.UP, withStatus.status().state());
    assertEquals(true, withStatus.spec().unschedulable(), "a status write keeps the spec");

    hosts.create(host("h2"));
    TypedList<Host> all = hosts.listAll(null, ListOptions.all());
    assertEquals(List.of("h1", "h2"), all.items().stream().map(h -> h.metadata().name())
        .sorted().toList());
    assertTrue(Long.parseLong(all.resourceVersion()) > 0);

    hosts.delete(null, "h1");
    ApiError gone = assertThrows(ApiError.class, () -> hosts.get(null, "h1"));
    assertTrue(gone.isNotFound());
  }

  @Test
  void aStaleWriteIsAConflict() {
    Host created = hosts.create(host("h1"));
    hosts.update(new Host(created.apiVersion(), created.kind(), created.metadata(),
        new HostSpec(true, null), null));
    ApiError e = assertThrows(ApiError.class, () -> hosts.update(created));
    assertTrue(e.isConflict(), e.reason());
  }

  @Test
  void listAllPagesThroughEverything() {
    for (int i = 0; i < 7; i++) {
      hosts.create(host("h" + i));
    }
    TypedList<Host> page = hosts.list(null, ListOptions.all().withLimit(3, null));
    assertEquals(3, page.items().size());
    assertNotEquals(null, page.continueToken());
    assertEquals(7, hosts.listAll(null, ListOptions.all()).items().size());
  }

  @Test
  void watchDeliversTypedEventsAndEndsWhenClosed() {
    Host created = hosts.create(host("h1"));
    List<TypedWatchEvent<Host>> events = new CopyOnWriteArrayList<>();
    List<Throwable> ends = new CopyOnWriteArrayList<>();
    WatchStream stream = hosts.watch(null, ListOptions.all()
        .withResourceVersion(created.metadata().resourceVersion()).withBookmarks(true),
        events::add, e -> ends.add(e == null ? new RuntimeException("normal end") : e));
    await().atMost(WAIT).until(stream::isOpen);
    hosts.delete(null, "h1");
    await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.type().equals("DELETED")
        && e.object().metadata().name().equals("h1")));
    stream.close();
    await().atMost(WAIT).until(stream::ended);
    assertEquals(1, ends.size());
  }

  @Test
  void watchingFromACompactedVersionIsGone() {
    Host a = hosts.create(host("h1"));
    Host b = hosts.create(host("h2"));
    server.server().compact(Long.parseLong(b.metadata().resourceVersion()));
    List<Throwable> ends = new CopyOnWriteArrayList<>();
    hosts.watch(null, ListOptions.all().withResourceVersion(a.metadata().resourceVersion()),
        e -> { }, ends::add);
    await().atMost(WAIT).until(() -> !ends.isEmpty());
    assertTrue(ends.get(0) instanceof ApiError err && err.isGone(), ends.toString());
  }
}
