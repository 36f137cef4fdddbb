package io.peloton.scheduler.placement;

import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.Host;
import java.util.Map;

/**
 * Peloton's three-valued constraint evaluation (peloton.md §2.7) for one host: a label constraint of
 * the other kind is not applicable; AND fails on any mismatch, OR passes on any match.
 */
final class ConstraintEvaluator {
  static final int MATCH = 1;
  static final int NOT_APPLICABLE = 0;
  static final int MISMATCH = -1;

  private ConstraintEvaluator() {}

  /** Evaluates the HOST parts against host attributes. */
  static int evaluateHost(Constraint c, Host host) {
    if (c instanceof Constraint.LabelConstraint l) {
      if (l.kind() != Constraint.Kind.HOST) {
        return NOT_APPLICABLE;
      }
      int count = l.label().value().equals(host.label(l.label().key())) ? 1 : 0;
      return l.test(count) ? MATCH : MISMATCH;
    }
    return combine(c, sub -> evaluateHost(sub, host));
  }

  /** Evaluates the TASK parts against label counts of tasks on host {@code h}. */
  static int evaluateTasks(Constraint c, int h, Map<io.peloton.scheduler.model.Label, int[]> counts) {
    if (c instanceof Constraint.LabelConstraint l) {
      if (l.kind() != Constraint.Kind.TASK) {
        return NOT_APPLICABLE;
      }
      int[] perHost = counts.get(l.label());
      int count = perHost == null ? 0 : perHost[h];
      return l.test(count) ? MATCH : MISMATCH;
    }
    return combine(c, sub -> evaluateTasks(sub, h, counts));
  }

  private static int combine(Constraint c, java.util.function.ToIntFunction<Constraint> eval) {
    boolean and = c instanceof Constraint.And;
    var subs = and ? ((Constraint.And) c).constraints() : ((Constraint.Or) c).constraints();
    boolean anyMatch = false;
    boolean anyMismatch = false;
    for (Constraint sub : subs) {
      int r = eval.applyAsInt(sub);
      if (r == MATCH) {
        anyMatch = true;
        if (!and) {
          return MATCH;
        }
      } else if (r == MISMATCH) {
        anyMismatch = true;
        if (and) {
          return MISMATCH;
        }
      }
    }
    if (and) {
      return anyMatch ? MATCH : NOT_APPLICABLE;
    }
    return anyMismatch ? MISMATCH : NOT_APPLICABLE;
  }

  /** The part of a constraint to blame for a mismatch: the first failing member of an AND, else itself. */
  static Constraint blame(Constraint c, java.util.function.ToIntFunction<Constraint> eval) {
    if (c instanceof Constraint.And a) {
      for (Constraint sub : a.constraints()) {
        if (eval.applyAsInt(sub) == MISMATCH) {
          return blame(sub, eval);
        }
      }
    }
    return c;
  }

  /** Whether any TASK label constraint appears in the tree (those change as tasks land). */
  static boolean hasTaskPart(Constraint c) {
    if (c == null) {
      return false;
    }
    if (c instanceof Constraint.LabelConstraint l) {
      return l.kind() == Constraint.Kind.TASK;
    }
    var subs = c instanceof Constraint.And a ? a.constraints() : ((Constraint.Or) c).constraints();
    for (Constraint sub : subs) {
      if (hasTaskPart(sub)) {
        return true;
      }
    }
    return false;
  }

  /** Collects the labels of TASK constraints, to know which task labels to count per host. */
  static void collectTaskLabels(Constraint c, java.util.Set<io.peloton.scheduler.model.Label> out) {
    if (c == null) {
      return;
    }
    if (c instanceof Constraint.LabelConstraint l) {
      if (l.kind() == Constraint.Kind.TASK) {
        out.add(l.label());
      }
      return;
    }
    var subs = c instanceof Constraint.And a ? a.constraints() : ((Constraint.Or) c).constraints();
    for (Constraint sub : subs) {
      collectTaskLabels(sub, out);
    }
  }
}
