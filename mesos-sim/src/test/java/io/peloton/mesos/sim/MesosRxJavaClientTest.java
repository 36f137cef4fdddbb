package io.peloton.mesos.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mesosphere.mesos.rx.java.AwaitableSubscription;
import com.mesosphere.mesos.rx.java.MesosClient;
import com.mesosphere.mesos.rx.java.SinkOperation;
import com.mesosphere.mesos.rx.java.SinkOperations;
import com.mesosphere.mesos.rx.java.protobuf.ProtobufMesosClientBuilder;
import com.mesosphere.mesos.rx.java.protobuf.SchedulerCalls;
import com.mesosphere.mesos.rx.java.util.UserAgentEntries;
import io.peloton.mesos.sim.testing.SchedulerClient;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import rx.Observable;

/** An independent client, mesos-rxjava 0.2.0, subscribes, gets offers, launches a task and sees it finish. */
class MesosRxJavaClientTest {
  @Test
  void rxjavaClientLaunchesATaskThatFinishes() {
    try (MesosSimulator sim = SimulatorFixture.start(1)) {
      AtomicReference<Protos.FrameworkID> fid = new AtomicReference<>();
      List<TaskState> states = new CopyOnWriteArrayList<>();
      AtomicBoolean launched = new AtomicBoolean();
      List<Throwable> callErrors = new CopyOnWriteArrayList<>();
      Protos.FrameworkInfo info = SchedulerClient.framework().build();
      MesosClient<Call, Event> client = ProtobufMesosClientBuilder.schedulerUsingProtos()
          .mesosUri(URI.create(sim.schedulerUrl()))
          .applicationUserAgentEntry(UserAgentEntries.literal("peloton-test", "0.1"))
          .subscribe(Call.newBuilder().setType(Call.Type.SUBSCRIBE)
              .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build())
          .processStream(events -> events.flatMap(e -> react(e, fid, launched, states, callErrors)))
          .build();
      AwaitableSubscription subscription = client.openStream();
      try {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> states.contains(TaskState.TASK_FINISHED));
        assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED),
            states.stream().distinct().toList());
        assertEquals(List.of(), callErrors); // every call was answered 202
      } finally {
        subscription.unsubscribe();
      }
    }
  }

  private static Observable<Optional<SinkOperation<Call>>> react(Event e, AtomicReference<Protos.FrameworkID> fid,
      AtomicBoolean launched, List<TaskState> states, List<Throwable> callErrors) {
    switch (e.getType()) {
      case SUBSCRIBED -> fid.set(e.getSubscribed().getFrameworkId());
      case OFFERS -> {
        Protos.Offer offer = e.getOffers().getOffers(0);
        if (!launched.compareAndSet(false, true)) {
          return Observable.just(Optional.of(SinkOperations.create(
              SchedulerCalls.decline(fid.get(), List.of(offer.getId())), () -> { }, callErrors::add)));
        }
        Call accept = Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(fid.get())
            .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
                .addOperations(SchedulerClient.launch(offer, "rx-task", "sleep 0.2", 0.1, 32))).build();
        return Observable.just(Optional.of(SinkOperations.create(accept, () -> { }, callErrors::add)));
      }
      case UPDATE -> {
        Protos.TaskStatus s = e.getUpdate().getStatus();
        states.add(s.getState());
        if (s.hasUuid()) {
          return Observable.just(Optional.of(SinkOperations.create(
              SchedulerCalls.ackUpdate(fid.get(), s.getUuid(), s.getAgentId(), s.getTaskId()), () -> { },
              callErrors::add)));
        }
      }
      default -> { }
    }
    return Observable.just(Optional.empty());
  }
}
