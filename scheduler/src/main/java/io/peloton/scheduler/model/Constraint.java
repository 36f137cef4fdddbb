package io.peloton.scheduler.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Peloton's placement constraint: a label count comparison on the host (HOST kind, against host
 * attributes) or on the tasks already on the host (TASK kind, e.g. "at most N per host"), or an AND /
 * OR of constraints.
 */
public sealed interface Constraint {

  /** Which labels a {@link LabelConstraint} counts. */
  enum Kind { HOST, TASK }

  /** How the count is compared with the requirement. */
  enum Condition { LESS_THAN, EQUAL, GREATER_THAN }

  /** {@code count(label) <condition> requirement}. */
  record LabelConstraint(Kind kind, Condition condition, Label label, int requirement) implements Constraint {
    public LabelConstraint {
      if (kind == null || condition == null || label == null) {
        throw new IllegalArgumentException("label constraint needs kind, condition and label");
      }
      if (requirement < 0) {
        throw new IllegalArgumentException("constraint requirement must be >= 0, was " + requirement);
      }
    }

    public boolean test(int count) {
      return switch (condition) {
        case LESS_THAN -> count < requirement;
        case EQUAL -> count == requirement;
        case GREATER_THAN -> count > requirement;
      };
    }

    @Override
    public String toString() {
      if (kind == Kind.HOST && condition == Condition.EQUAL && requirement == 1) {
        return label.toString();
      }
      if (kind == Kind.HOST && condition == Condition.EQUAL && requirement == 0) {
        return label.key() + "!=" + label.value();
      }
      String op = switch (condition) {
        case LESS_THAN -> "<";
        case EQUAL -> "==";
        case GREATER_THAN -> ">";
      };
      return (kind == Kind.TASK ? "tasks(" : "host(") + label + ")" + op + requirement;
    }
  }

  /** All must hold. */
  record And(List<Constraint> constraints) implements Constraint {
    public And {
      constraints = List.copyOf(constraints);
    }

    @Override
    public String toString() {
      return constraints.stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
    }
  }

  /** At least one must hold. */
  record Or(List<Constraint> constraints) implements Constraint {
    public Or {
      constraints = List.copyOf(constraints);
    }

    @Override
    public String toString() {
      return constraints.stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
    }
  }

  /** Host attribute {@code key} must equal {@code value}. */
  static Constraint hostLabel(String key, String value) {
    return new LabelConstraint(Kind.HOST, Condition.EQUAL, new Label(key, value), 1);
  }

  /** Fewer than {@code max} tasks labelled {@code key=value} may share a host ("host limit"). */
  static Constraint hostLimit(String key, String value, int max) {
    return new LabelConstraint(Kind.TASK, Condition.LESS_THAN, new Label(key, value), max);
  }

  /** Whether a HOST label constraint anywhere in this tree mentions the key. */
  default boolean mentionsHostKey(String key) {
    if (this instanceof LabelConstraint l) {
      return l.kind() == Kind.HOST && l.label().key().equals(key);
    }
    List<Constraint> subs = this instanceof And a ? a.constraints() : ((Or) this).constraints();
    for (Constraint c : subs) {
      if (c.mentionsHostKey(key)) {
        return true;
      }
    }
    return false;
  }
}
