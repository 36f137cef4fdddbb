package io.peloton.bridge.mesos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.bridge.framework.FrameworkSettings;
import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.cluster.ClusterSpec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MesosSchedulerClientTest {
  private Vertx vertx;
  private MesosSimulator sim;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    sim = MesosSimulator.start(SimulatorConfig.defaults().withPort(0)
        .withCluster(ClusterSpec.generated(2, 4, 4096, 10_000))
        .withAllocationInterval(Duration.ofMillis(200)).withHeartbeatInterval(Duration.ofSeconds(1)));
  }

  @AfterEach
  void tearDown() throws Exception {
    sim.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Records what the client tells its listener. */
  static final class Recorder implements SchedulerListener {
    final List<Event.Subscribed> subscribed = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    final AtomicInteger disconnects = new AtomicInteger();

    @Override
    public void onSubscribed(Event.Subscribed s) {
      subscribed.add(s);
    }

    @Override
    public void onEvent(Event event) {
      events.add(event);
    }

    @Override
    public void onDisconnected(String reason) {
      disconnects.incrementAndGet();
    }

    long offers() {
      return events.stream().filter(e -> e.getType() == Event.Type.OFFERS).count();
    }
  }

  private MesosSchedulerClient client(String master, WireEncoding enc, Recorder rec,
      AtomicReference<String> id, Duration minHeartbeatTimeout) {
    MesosHttp http = new MesosHttp(vertx, MasterAddress.parse(master), 4);
    FrameworkSettings fw = FrameworkSettings.defaults().withUser("test");
    return new MesosSchedulerClient(vertx, http, enc,
        new CappedBackoff(Duration.ofMillis(50), Duration.ofMillis(500)), minHeartbeatTimeout,
        () -> {
          Call.Builder c = Call.newBuilder().setType(Call.Type.SUBSCRIBE).setSubscribe(
              Call.Subscribe.newBuilder().setFrameworkInfo(fw.toFrameworkInfo(id.get())));
          if (id.get() != null) {
            c.setFrameworkId(Protos.FrameworkID.newBuilder().setValue(id.get()));
          }
          return c.build();
        }, new SchedulerListener() {
          @Override
          public void onSubscribed(Event.Subscribed s) {
            id.set(s.getFrameworkId().getValue());
            rec.onSubscribed(s);
          }

          @Override
          public void onEvent(Event event) {
            rec.onEvent(event);
          }

          @Override
          public void onDisconnected(String reason) {
            rec.onDisconnected(reason);
          }
        }, Executors.newSingleThreadExecutor());
  }

  @ParameterizedTest
  @EnumSource(WireEncoding.class)
  void subscribesGetsOffersAndResubscribesWithTheSameIdAfterAMasterRestart(WireEncoding enc)
      throws Exception {
    Recorder rec = new Recorder();
    AtomicReference<String> id = new AtomicReference<>();
    try (MesosSchedulerClient c = client(sim.url(), enc, rec, id, Duration.ofSeconds(5))) {
      c.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> rec.offers() >= 1);
      String first = id.get();
      // a call with the stream id is accepted
      c.call(Call.newBuilder().setType(Call.Type.RECONCILE)
          .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(first))
          .setReconcile(Call.Reconcile.newBuilder()).build()).get(10, TimeUnit.SECONDS);
      sim.faults().restartMaster();
      await().atMost(Duration.ofSeconds(30)).until(() -> rec.subscribed.size() >= 2);
      assertEquals(first, rec.subscribed.get(1).getFrameworkId().getValue());
      assertTrue(rec.disconnects.get() >= 1);
      assertTrue(c.isSubscribed());
    }
  }

  @Test
  void followsRedirectsToTheLeadingMaster() throws Exception {
    // a "follower" that redirects everything, protocol-relative, to the simulator
    AtomicInteger redirected = new AtomicInteger();
    HttpServer follower = vertx.createHttpServer().requestHandler(req -> {
      redirected.incrementAndGet();
      req.response().setStatusCode(307).putHeader("Location", "//127.0.0.1:" + sim.port()
          + req.uri()).end();
    });
    int port = follower.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();
    Recorder rec = new Recorder();
    AtomicReference<String> id = new AtomicReference<>();
    MesosHttp http = new MesosHttp(vertx, MasterAddress.parse("http://127.0.0.1:" + port), 2);
    try (MesosSchedulerClient c = client("http://127.0.0.1:" + port, WireEncoding.PROTOBUF, rec, id,
        Duration.ofSeconds(5))) {
      c.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> rec.subscribed.size() >= 1);
      assertTrue(redirected.get() >= 1);
      // the operator API follows the same redirect
      OperatorClient op = new OperatorClient(http, WireEncoding.JSON);
      assertEquals(2, op.getAgents().get(10, TimeUnit.SECONDS).getAgentsCount());
      assertEquals(sim.port(), http.leader().port());
    } finally {
      follower.close();
    }
  }

  @Test
  void silentStreamIsDroppedByTheHeartbeatWatchdogAndReopened() throws Exception {
    // a master that subscribes and then never sends another byte
    AtomicInteger subscribes = new AtomicInteger();
    HttpServer mute = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      subscribes.incrementAndGet();
      Event sub = Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(
          Event.Subscribed.newBuilder().setFrameworkId(Protos.FrameworkID.newBuilder()
              .setValue("mute-0000")).setHeartbeatIntervalSeconds(0.1)).build();
      req.response().setChunked(true).putHeader("Content-Type", "application/x-protobuf")
          .putHeader("Mesos-Stream-Id", "s" + subscribes.get())
          .write(Buffer.buffer(RecordIoDecoder.frame(sub.toByteArray())));
    }));
    int port = mute.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();
    Recorder rec = new Recorder();
    try (MesosSchedulerClient c = client("http://127.0.0.1:" + port, WireEncoding.PROTOBUF, rec,
        new AtomicReference<>(), Duration.ofMillis(500))) {
      c.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> subscribes.get() >= 3);
      assertTrue(rec.disconnects.get() >= 2);
    } finally {
      mute.close();
    }
  }
}
