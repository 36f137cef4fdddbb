package io.peloton.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.ApiObject;
import io.peloton.api.ResourceTypes;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.client.testing.ApiServerFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ApiClient#quickStart}: the same requests, replies and errors as the default client. */
class QuickStartClientTest {
  @TempDir
  Path dir;
  private ApiServerFixture server;

  @BeforeEach
  void start() {
    server = ApiServerFixture.start("sqlite:" + dir.resolve("s.db"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Host host(String name) {
    return new Host(ApiObject.API_VERSION, "Host", ObjectMeta.named(name),
        new HostSpec(false, HostSpec.MaintenanceMode.NONE), null);
  }

  @Test
  void answersLikeTheDefaultClient() {
    ApiClient quick = ApiClient.quickStart(server.url() + "/", null);
    ApiClient regular = server.client();
    TypedClient<Host> hosts = quick.typed(Host.class);

    Host created = hosts.create(host("h1"));
    assertEquals(created, regular.typed(Host.class).get(ObjectKey.cluster("h1")));
    assertEquals(regular.get(ResourceTypes.HOST, null, "h1"),
        quick.get(ResourceTypes.HOST, null, "h1"));

    Host cordoned = hosts.update(new Host(created.apiVersion(), created.kind(),
        created.metadata(), new HostSpec(true, HostSpec.MaintenanceMode.NONE), null));
    assertEquals(true, cordoned.spec().unschedulable());
    ApiError conflict = assertThrows(ApiError.class, () -> hosts.update(created));
    assertTrue(conflict.isConflict(), conflict.reason());

    List<NameAndVersion> fromQuick = names(quick.list(ResourceTypes.HOST, null, ListOptions.all()));
    assertEquals(names(regular.list(ResourceTypes.HOST, null, ListOptions.all())), fromQuick);

    // PATCH goes through the JDK client, built on first use
    Applied applied = quick.apply(ResourceTypes.HOST, ApiClient.tree(host("h2")), "test");
    assertEquals("created", applied.outcome());
    assertEquals("unchanged",
        quick.apply(ResourceTypes.HOST, ApiClient.tree(host("h2")), "test").outcome());

    hosts.delete(null, "h1");
    ApiError gone = assertThrows(ApiError.class, () -> quick.get(ResourceTypes.HOST, null, "h1"));
    assertTrue(gone.isNotFound());
    assertEquals(assertThrows(ApiError.class,
        () -> regular.get(ResourceTypes.HOST, null, "h1")).getMessage(), gone.getMessage());
    assertTrue(quick.ready());
  }

  @Test
  void aStoppedServerIsReportedLikeTheDefaultClient() {
    ApiClient quick = ApiClient.quickStart(server.url(), null);
    ApiClient regular = server.client();
    server.stop();
    ApiError q = assertThrows(ApiError.class, () -> quick.get(ResourceTypes.HOST, null, "h1"));
    ApiError r = assertThrows(ApiError.class, () -> regular.get(ResourceTypes.HOST, null, "h1"));
    assertEquals(r.getMessage(), q.getMessage());
    assertEquals(0, q.code());
  }

  private record NameAndVersion(String name, String resourceVersion) {}

  private static List<NameAndVersion> names(ObjectList list) {
    return list.items().stream().map(o -> new NameAndVersion(
        o.path("metadata").path("name").asText(),
        o.path("metadata").path("resourceVersion").asText())).toList();
  }
}
