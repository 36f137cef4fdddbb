package io.peloton.client.leader;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.client.testing.ApiServerFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shard membership over real member Leases: keys split between live members, then move. */
class ShardMembershipTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> KEYS =
      IntStream.range(0, 200).mapToObj(i -> "ns/job-" + i).toList();

  @TempDir
  Path dir;
  private ApiServerFixture server;
  private final List<ShardMembership> members = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    server = ApiServerFixture.start("sqlite:" + dir.resolve("s.db"));
  }

  @AfterEach
  void stop() {
    members.forEach(ShardMembership::close);
    server.close();
  }

  private ShardMembership member(String id) {
    ShardMembership m = new ShardMembership(server.client(), "controllers", id,
        Duration.ofSeconds(3), Duration.ofMillis(250));
    members.add(m);
    return m.start();
  }

  private static long owned(ShardMembership m) {
    return KEYS.stream().filter(m::owns).count();
  }

  @Test
  void twoMembersSplitTheKeysAndTheSurvivorTakesAllWhenOneLeaves() {
    ShardMembership a = member("a");
    ShardMembership b = member("b");
    await().atMost(WAIT).until(() -> a.ring().members().equals(List.of("a", "b"))
        && b.ring().members().equals(List.of("a", "b")));
    for (String k : KEYS) {
      assertTrue(a.owns(k) ^ b.owns(k), "exactly one owner for " + k);
    }
    assertTrue(owned(a) > 0 && owned(b) > 0, "both get work: " + owned(a) + "/" + owned(b));

    b.close();
    await().atMost(WAIT).until(() -> owned(a) == KEYS.size());
    assertEquals(0, owned(b), "a member that left owns nothing");
  }

  @Test
  void aCrashedMembersKeysMoveOnceItsLeaseExpires() {
    ShardMembership a = member("a");
    ShardMembership c = member("c");
    List<ShardRing> changes = new CopyOnWriteArrayList<>();
    a.onChange(changes::add);
    await().atMost(WAIT).until(() -> a.ring().members().size() == 2);
    c.abandon();
    await().atMost(WAIT).until(() -> a.ring().members().equals(List.of("a")));
    assertEquals(KEYS.size(), owned(a));
    assertEquals(List.of("a"), changes.get(changes.size() - 1).members());
  }

  @Test
  void badMemberIdsAreRefusedNamingTheField() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new ShardMembership(server.client(), "g",
            "Bad_Id", Duration.ofSeconds(2), Duration.ofMillis(200)));
    assertTrue(e.getMessage().startsWith("memberId"), e.getMessage());
  }
}
