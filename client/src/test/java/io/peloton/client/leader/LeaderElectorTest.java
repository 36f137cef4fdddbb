package io.peloton.client.leader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.api.lease.Lease;
import io.peloton.client.TypedClient;
import io.peloton.client.testing.ApiServerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leader election on a real Lease object through a real API server. */
class LeaderElectorTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  private ApiServerFixture server;
  private final List<LeaderElector> electors = new CopyOnWriteArrayList<>();

  /** Records callbacks as "started"/"stopped". */
  private static final class Recorder implements LeaderCallbacks {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void onStartedLeading() {
      calls.add("started");
    }

    @Override
    public void onStoppedLeading() {
      calls.add("stopped");
    }
  }

  @BeforeEach
  void start() {
    server = ApiServerFixture.start("sqlite:" + dir.resolve("s.db"));
  }

  @AfterEach
  void stop() {
    electors.forEach(LeaderElector::close);
    server.close();
  }

  private LeaderElector candidate(String id, Recorder recorder) {
    // short lease for a quick test; the waits below are generous, nothing depends on timing
    LeaderElector e = new LeaderElector(server.client(), new LeaderElectionConfig("scheduler",
        id, Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250)), recorder);
    electors.add(e);
    return e.start();
  }

  private Lease lease() {
    return TypedClient.of(server.client(), Lease.class).get(null, "scheduler");
  }

  @Test
  void oneOfTwoLeadsAndTheOtherTakesOverWhenTheLeaderDiesWithoutReleasing() {
    Recorder ra = new Recorder();
    Recorder rb = new Recorder();
    LeaderElector a = candidate("a", ra);
    LeaderElector b = candidate("b", rb);
    await().atMost(WAIT).until(() -> a.isLeader() || b.isLeader());
    LeaderElector leader = a.isLeader() ? a : b;
    LeaderElector standby = leader == a ? b : a;
    Recorder standbyCalls = leader == a ? rb : ra;
    assertEquals(leader.identity(), lease().spec().holderIdentity());
    assertFalse(standby.isLeader());
    assertEquals(0, lease().spec().leaseTransitions());

    leader.abandon(); // a crash: the lease still names it until it expires
    assertFalse(leader.isLeader());
    await().atMost(WAIT).until(standby::isLeader);
    Lease after = lease();
    assertEquals(standby.identity(), after.spec().holderIdentity());
    assertEquals(1, after.spec().leaseTransitions());
    assertNotNull(after.spec().renewTime());
    await().atMost(WAIT).until(() -> standbyCalls.calls.equals(List.of("started")));
    assertEquals(standby.identity(), standby.currentLeader());
  }

  @Test
  void closingReleasesTheLeaseSoTheStandbyTakesOver() {
    Recorder ra = new Recorder();
    LeaderElector a = candidate("a", ra);
    await().atMost(WAIT).until(a::isLeader);
    Recorder rb = new Recorder();
    LeaderElector b = candidate("b", rb);
    assertFalse(b.isLeader());

    a.close();
    assertFalse(a.isLeader());
    await().atMost(WAIT).until(() -> ra.calls.equals(List.of("started", "stopped")));
    await().atMost(WAIT).until(b::isLeader);
    assertEquals("b", lease().spec().holderIdentity());
    assertEquals(1, lease().spec().leaseTransitions());
  }

  @Test
  void theLeaderKeepsRenewing() {
    LeaderElector a = candidate("a", new Recorder());
    await().atMost(WAIT).until(a::isLeader);
    String firstRenew = lease().spec().renewTime();
    String acquired = lease().spec().acquireTime();
    await().atMost(WAIT).until(() -> !lease().spec().renewTime().equals(firstRenew));
    assertEquals(acquired, lease().spec().acquireTime());
    assertTrue(a.isLeader());
  }

  @Test
  void badTimingsAreRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new LeaderElectionConfig("l", "a", Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofMillis(100)));
    assertTrue(e.getMessage().contains("renewDeadline"), e.getMessage());
  }
}
