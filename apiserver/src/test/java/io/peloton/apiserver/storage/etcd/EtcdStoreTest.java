package io.peloton.apiserver.storage.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.apiserver.storage.KeyValue;
import io.peloton.apiserver.storage.RecordingListener;
import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.Watch;
import io.peloton.apiserver.storage.WatchEvent;
import java.net.ServerSocket;
import java.time.Duration;
import org.awaitility.Awaitility;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.StoreContractTest;
import io.peloton.apiserver.storage.StoreUrl;
import io.peloton.apiserver.testing.EtcdProcess;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract on a real etcd (skipped when no etcd binary is installed). */
class EtcdStoreTest extends StoreContractTest {
  @Override
  protected Store openStore() {
    return StoreUrl.open(EtcdProcess.shared().storeUrl());
  }

  @Test
  void sharesTheServersVertxWithoutClosingIt() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Store shared = StoreUrl.open(EtcdProcess.shared().storeUrl(), vertx);
      long revision = await(shared.create(prefix + "a", bytes("a")));
      assertTrue(revision > 0);
      RecordingListener listener = new RecordingListener();
      shared.watch(prefix, revision - 1, listener);
      assertEquals(List.of(revision), revisions(listener.awaitEvents(1)));
      shared.close();
      // the Vert.x instance still runs work after the store closed
      Integer answer = vertx.executeBlocking(() -> 42).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      assertEquals(42, answer);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void anotherClientFindsTheCompactedRevisionItDidNotDoItself() throws Exception {
    await(store.create(prefix + "a", bytes("a")));
    long target = await(store.create(prefix + "b", bytes("b")));
    await(store.create(prefix + "c", bytes("c")));
    await(store.compact(target));
    try (Store other = openStore()) {
      assertEquals(target, await(other.compactedRevision()));
      await(other.create(prefix + "d", bytes("d")));
      assertEquals(target, await(other.compactedRevision()));
    }
  }

  @Test
  void unreachableEtcdFailsRequestsAsUnavailableInsteadOfHanging() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    try (Store unreachable = new EtcdStore(List.of("http://127.0.0.1:" + port), null,
        Duration.ofSeconds(1))) {
      Throwable error = failure(unreachable.create(prefix + "a", bytes("a")));
      assertInstanceOf(StoreException.Unavailable.class, error);
      assertFalse(error.getMessage().contains("\n"), error.getMessage());
      assertInstanceOf(StoreException.Unavailable.class,
          failure(unreachable.list(prefix, 0, null, 0)));
    }
  }

  @Test
  void watchResumesWithoutGapsAfterEtcdIsKilledAndRestarted() throws Exception {
    EtcdProcess etcd = EtcdProcess.start();
    try (Store own = StoreUrl.open(etcd.storeUrl())) {
      long before = await(own.create(prefix + "a", bytes("a")));
      RecordingListener listener = new RecordingListener();
      Watch watch = own.watch(prefix, before, listener);
      long b = await(own.create(prefix + "b", bytes("b")));
      listener.awaitEvents(1);

      etcd.kill();
      etcd.restart();
      long c = Awaitility.await().atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> own.create(prefix + "c", bytes("c")).get(10, TimeUnit.SECONDS),
              revision -> revision > b);
      List<WatchEvent> events = listener.awaitEvents(2);
      assertEquals(List.of(b, c), revisions(events));
      assertTrue(listener.errors().isEmpty(), () -> listener.errors().toString());
      watch.close();
    } finally {
      etcd.stop();
    }
  }

  @Test
  void chunksRespectTheOperationAndSizeLimits() {
    List<KeyValue.Write> small = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      small.add(new KeyValue.Write("k" + i, new byte[10]));
    }
    assertEquals(List.of(128, 128, 44), EtcdStore.chunks(small).stream().map(List::size).toList());

    List<KeyValue.Write> big = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      big.add(new KeyValue.Write("k" + i, new byte[400 * 1024]));
    }
    assertEquals(List.of(2, 2, 1), EtcdStore.chunks(big).stream().map(List::size).toList());
  }
}
