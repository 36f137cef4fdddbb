package io.peloton.controllers.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.peloton.api.ApiObject;
import io.peloton.api.event.Event;
import io.peloton.api.event.ObjectReference;
import io.peloton.api.time.Rfc3339;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.testing.ManualClock;
import io.peloton.client.ApiClient;
import io.peloton.client.ListOptions;
import io.peloton.client.TypedClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeats about one object and reason are counted on one Event, across a recorder restart. */
class EventRecorderTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final ObjectReference JOB =
      new ObjectReference(ApiObject.API_VERSION, "Job", "default", "big", "uid-1", null, null);

  @TempDir
  Path dir;

  private ApiServer server;
  private ApiClient api;
  private TypedClient<Event> events;
  private final ManualClock clock = new ManualClock(T0);

  @BeforeEach
  void start() {
    server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("s.db"), 0));
    api = new ApiClient(server.url(), null);
    events = api.typed(Event.class);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<Event> all() {
    return events.listAll("default", ListOptions.all()).items();
  }

  private EventRecorder recorder(String instance) {
    return new EventRecorder(api, "controllers", instance, clock, false);
  }

  @Test
  void aThousandRepeatsAreOneEventWithTheirCountAndARestartContinuesIt() {
    EventRecorder first = recorder("a");
    for (int i = 0; i < 1000; i++) {
      first.normal(JOB, "Killing", "stopping the job");
    }
    List<Event> written = all();
    assertEquals(1, written.size(), "the first occurrence is written at once, alone");
    assertEquals(1, written.get(0).count());

    clock.set(T0.plusSeconds(5));
    assertEquals(1, first.flush());
    Event one = all().get(0);
    assertEquals(1000, one.count());
    assertEquals("stopping the job", one.message());
    assertEquals(JOB, one.involvedObject());
    assertEquals(T0, Rfc3339.parse(one.firstTimestamp()));
    assertEquals(T0, Rfc3339.parse(one.lastTimestamp()));
    assertEquals(0, first.flush(), "nothing new to write");

    // a restarted recorder (another process) counts onto the same Event
    clock.set(T0.plus(Duration.ofMinutes(3)));
    EventRecorder restarted = recorder("b");
    restarted.normal(JOB, "Killing", "stopping the job");
    Event continued = all().get(0);
    assertEquals(one.metadata().name(), continued.metadata().name());
    assertEquals(1001, continued.count());
    assertEquals(T0, Rfc3339.parse(continued.firstTimestamp()));
    assertEquals(clock.instant(), Rfc3339.parse(continued.lastTimestamp()));

    // another reason, or the same name with another uid (a recreated job), is another Event
    restarted.normal(JOB, "Deleting", "deleting");
    restarted.normal(new ObjectReference(ApiObject.API_VERSION, "Job", "default", "big", "uid-2",
        null, null), "Killing", "stopping the job");
    assertEquals(3, all().size());
  }

  @Test
  void differentMessagesAreEventsOfTheirOwnUntilTenThenOneCombinesTheRest() {
    EventRecorder recorder = recorder("a");
    for (int i = 1; i <= 15; i++) {
      clock.set(T0.plusSeconds(2L * i)); // each written at once
      recorder.normal(JOB, "Restarting", "restarting after failure " + i);
    }
    List<Event> written = all();
    assertEquals(11, written.size());
    Event combined = written.stream().filter(e -> e.count() == 5).findFirst().orElseThrow();
    assertEquals(EventRecorder.COMBINED + "restarting after failure 15", combined.message());
    assertEquals(10, written.stream().filter(e -> e.count() == 1
        && e.message().startsWith("restarting after failure ")).count());

    // a new window: a new message has an Event of its own again
    clock.set(T0.plus(EventRecorder.SIMILAR_WINDOW).plusSeconds(60));
    recorder.normal(JOB, "Restarting", "restarting after failure 16");
    assertEquals(12, all().size());
  }

  @Test
  void anEventDeletedMeanwhileStartsAgain() {
    EventRecorder recorder = recorder("a");
    recorder.normal(JOB, "Killing", "one");
    Event first = all().get(0);
    events.delete("default", first.metadata().name()); // as the API server's expiry does
    clock.set(T0.plus(Duration.ofHours(2)));
    recorder.normal(JOB, "Killing", "one");
    Event again = all().get(0);
    assertEquals(first.metadata().name(), again.metadata().name());
    assertEquals(1, again.count());
    assertNotEquals(first.metadata().uid(), again.metadata().uid());
    assertEquals(clock.instant(), Rfc3339.parse(again.firstTimestamp()));
  }
}
