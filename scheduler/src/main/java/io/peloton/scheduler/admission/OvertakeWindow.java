package io.peloton.scheduler.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fairness rule between the gangs of one pool queue ("bounded overtaking"). A gang that fits
 * its pool's limits but not the capacity free now is set aside, and gangs behind it (lower priority
 * or later arrival) that do fit are admitted: one gang waiting for capacity never freezes the pool.
 * But only for {@code window} from the moment it first had to wait; after that it is a barrier:
 * nothing behind it in its queue is admitted until it fits, so capacity freed by ending tasks
 * gathers for it instead of going to a stream of smaller gangs.
 *
 * <p>Why this rule: skipping alone starves large gangs (a small task always fits first), while
 * strict head-of-line blocking (Peloton's; a window of zero) idles the pool for as long as the head
 * waits. The window bounds a large gang's extra wait to the window plus the time the work admitted
 * meanwhile needs to end, and keeps the pool busy in between; priority order is kept because a gang
 * is only ever overtaken with capacity it cannot use itself. Gangs that can never fit do not queue
 * at all. State lives per scheduler term (a new leader starts every window afresh).
 */
public final class OvertakeWindow {
  private final Duration window;
  private final Clock clock;
  private final Map<String, Instant> waitingSince = new HashMap<>();
  private Set<String> waitedThisCycle = new HashSet<>();

  public OvertakeWindow(Duration window, Clock clock) {
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException("overtake window must be >= 0, was " + window);
    }
    this.window = window;
    this.clock = clock;
  }

  /**
   * Records that the gang has to wait this cycle and tells whether gangs behind it may still
   * overtake it (false: it has waited a whole window and now holds its queue).
   */
  public boolean mayOvertake(Gang gang) {
    String key = key(gang);
    waitedThisCycle.add(key);
    Instant now = clock.instant();
    Instant since = waitingSince.computeIfAbsent(key, k -> now);
    return now.isBefore(since.plus(window));
  }

  /** How long the window is, for explanations. */
  public Duration window() {
    return window;
  }

  /** Forgets the gangs that did not wait this cycle (admitted and placed, or gone). */
  public void endCycle() {
    waitingSince.keySet().retainAll(waitedThisCycle);
    waitedThisCycle = new HashSet<>();
  }

  private static String key(Gang gang) {
    return gang.pool() + " " + gang.id();
  }
}
