package io.peloton.client.reconcile;

import static io.peloton.client.testing.Leases.lease;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.lease.Lease;
import io.peloton.client.ObjectKey;
import io.peloton.client.TypedClient;
import io.peloton.client.informer.Informer;
import io.peloton.client.informer.InformerConfig;
import io.peloton.client.testing.ApiServerFixture;
import io.peloton.client.workqueue.WorkQueue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole controller shape against a real server: informer → keys → queue → reconciler. */
class InformerToReconcilerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  @Test
  void everyChangeReachesTheReconcilerAsAKeyAndItReadsTheCache() {
    try (ApiServerFixture server = ApiServerFixture.start("sqlite:" + dir.resolve("s.db"))) {
      TypedClient<Lease> leases = TypedClient.of(server.client(), Lease.class);
      WorkQueue<ObjectKey> queue = new WorkQueue<>();
      Informer<Lease> informer = new Informer<>(leases, InformerConfig.defaults());
      Map<ObjectKey, String> seenHolders = new ConcurrentHashMap<>();
      Set<ObjectKey> seenGone = ConcurrentHashMap.newKeySet();
      informer.addHandler(EnqueueKeys.byObjectKey(queue));
      try (informer; ReconcileLoop<ObjectKey> loop = new ReconcileLoop<>("leases", queue,
          key -> {
            // level-triggered: read the current state, whatever the event was
            informer.cache().get(key).ifPresentOrElse(
                l -> seenHolders.put(key, String.valueOf(l.spec().holderIdentity())),
                () -> seenGone.add(key));
            return Result.done();
          }, 2)) {
        informer.start();
        loop.start();
        leases.create(lease("a", Map.of(), "x"));
        leases.create(lease("b", Map.of(), "x"));
        await().atMost(WAIT).until(() -> "x".equals(seenHolders.get(ObjectKey.cluster("a")))
            && "x".equals(seenHolders.get(ObjectKey.cluster("b"))));
        Lease a = leases.get(null, "a");
        leases.update(io.peloton.client.testing.Leases.withHolder(a, "y"));
        await().atMost(WAIT).until(() -> "y".equals(seenHolders.get(ObjectKey.cluster("a"))));
        leases.delete(null, "b");
        await().atMost(WAIT).until(() -> seenGone.contains(ObjectKey.cluster("b")));
        assertTrue(informer.hasSynced());
      }
    }
  }
}
