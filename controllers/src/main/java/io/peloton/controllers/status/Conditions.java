package io.peloton.controllers.status;

import io.peloton.api.meta.Condition;
import io.peloton.api.time.Rfc3339;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Merges freshly computed conditions into the previous ones, keeping lastTransitionTime stable. */
public final class Conditions {
  private Conditions() {}

  /** A condition without a transition time; {@link #merge} fills it in. */
  public static Condition of(String type, boolean status, String reason, String message,
      Long generation) {
    return new Condition(type, status ? Condition.TRUE : Condition.FALSE, reason, message, null,
        generation);
  }

  public static Condition unknown(String type, String reason, String message, Long generation) {
    return new Condition(type, Condition.UNKNOWN, reason, message, null, generation);
  }

  /**
   * The wanted conditions, each keeping the old lastTransitionTime when its status did not
   * change (so an unchanged status compares equal and is not rewritten). For a writer that owns
   * every condition of the object; one that shares them uses {@link #merge(List, List, Set)}.
   */
  public static List<Condition> merge(List<Condition> previous, List<Condition> wanted) {
    List<Condition> out = new ArrayList<>();
    String now = Rfc3339.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    for (Condition w : wanted) {
      Condition old = find(previous, w.type());
      String ltt = old != null && Objects.equals(old.status(), w.status())
          && old.lastTransitionTime() != null ? old.lastTransitionTime() : now;
      out.add(new Condition(w.type(), w.status(), w.reason(), w.message(), ltt,
          w.observedGeneration()));
    }
    return out;
  }

  /**
   * Like {@link #merge(List, List)} for a writer that owns only some condition types of an object
   * whose status others write too: previous conditions of types it does not own are kept, after
   * its own, so every writer produces the same order. (Dropping them made two writers rewrite
   * each other's conditions in a loop.)
   */
  public static List<Condition> merge(List<Condition> previous, List<Condition> wanted,
      Set<String> owned) {
    List<Condition> out = merge(previous, wanted);
    if (previous != null) {
      for (Condition c : previous) {
        if (!owned.contains(c.type()) && find(wanted, c.type()) == null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    Condition c = find(conditions, type);
    return c != null && Condition.TRUE.equals(c.status());
  }
}
