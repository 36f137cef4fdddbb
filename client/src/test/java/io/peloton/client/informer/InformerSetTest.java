package io.peloton.client.informer;

import static io.peloton.client.testing.Leases.lease;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.api.event.Event;
import io.peloton.api.lease.Lease;
import io.peloton.client.TypedClient;
import io.peloton.client.testing.ApiServerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Components of one process share one informer per kind; each may start the set. */
class InformerSetTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void oneInformerPerKindStartedOnceWhoeverStartsIt() throws Exception {
    InformerSet set;
    try (ApiServerFixture server = ApiServerFixture.start("sqlite:" + dir.resolve("s.db"))) {
      set = new InformerSet(server.client(), InformerConfig.defaults(), new SimpleMeterRegistry());
      Informer<Lease> leases = set.of(Lease.class);
      assertSame(leases, set.of(Lease.class), "a second component gets the same informer");
      set.start();
      set.start(); // the next component's start must not start it twice
      assertTrue(set.awaitSynced(WAIT));

      TypedClient.of(server.client(), Lease.class).create(lease("l1", Map.of(), "me"));
      await().atMost(WAIT).until(() -> leases.cache().get(null, "l1").isPresent());

      Informer<Event> events = set.of(Event.class); // a component that comes later
      assertFalse(events.hasSynced());
      set.start();
      assertTrue(set.awaitSynced(WAIT));
      assertTrue(events.hasSynced());
      set.close();
      await().atMost(WAIT).until(() -> !leases.isWatching()); // its stream ends shortly after
    }
    assertThrows(IllegalStateException.class, () -> set.of(Lease.class));
  }
}
