package io.peloton.scheduler.adapter;

import io.peloton.scheduler.model.Constraint;
import io.peloton.scheduler.model.Label;
import java.util.ArrayList;
import java.util.List;

/** Converts a Task config's constraint tree into the placement model, naming the field of any fault. */
public final class ConstraintTranslator {
  /** Deeper trees than this are refused: no real constraint nests so far, and it bounds the work. */
  private static final int MAX_DEPTH = 16;

  private ConstraintTranslator() {}

  /** The model constraint, or null for no constraint. */
  public static Constraint translate(io.peloton.api.taskconfig.Constraint c, String field) {
    return c == null ? null : translate(c, field, 0);
  }

  private static Constraint translate(io.peloton.api.taskconfig.Constraint c, String field, int depth) {
    if (depth > MAX_DEPTH) {
      throw new InvalidObjectException(field, "constraints nest deeper than " + MAX_DEPTH + " levels");
    }
    var type = c.type();
    if (type == null) {
      // accept the shape that is present when the type was left out
      type = c.labelConstraint() != null ? io.peloton.api.taskconfig.Constraint.ConstraintType.LABEL
          : c.andConstraint() != null ? io.peloton.api.taskconfig.Constraint.ConstraintType.AND
          : c.orConstraint() != null ? io.peloton.api.taskconfig.Constraint.ConstraintType.OR : null;
      if (type == null) {
        throw new InvalidObjectException(field + ".type", "required: one of LABEL, AND, OR");
      }
    }
    return switch (type) {
      case LABEL -> label(c.labelConstraint(), field + ".labelConstraint");
      case AND -> new Constraint.And(children(c.andConstraint(), field + ".andConstraint", depth));
      case OR -> new Constraint.Or(children(c.orConstraint(), field + ".orConstraint", depth));
    };
  }

  private static List<Constraint> children(io.peloton.api.taskconfig.Constraint.Junction j, String field, int depth) {
    if (j == null || j.constraints() == null || j.constraints().isEmpty()) {
      throw new InvalidObjectException(field + ".constraints", "required: at least one constraint");
    }
    List<Constraint> out = new ArrayList<>(j.constraints().size());
    for (int i = 0; i < j.constraints().size(); i++) {
      var sub = j.constraints().get(i);
      String at = field + ".constraints[" + i + "]";
      if (sub == null) {
        throw new InvalidObjectException(at, "must not be null");
      }
      out.add(translate(sub, at, depth + 1));
    }
    return out;
  }

  private static Constraint label(io.peloton.api.taskconfig.LabelConstraint l, String field) {
    if (l == null) {
      throw new InvalidObjectException(field, "required for a LABEL constraint");
    }
    if (l.kind() == null) {
      throw new InvalidObjectException(field + ".kind", "required: HOST or TASK");
    }
    if (l.condition() == null) {
      throw new InvalidObjectException(field + ".condition", "required: LESS_THAN, EQUAL or GREATER_THAN");
    }
    if (l.label() == null || l.label().key() == null || l.label().key().isEmpty()) {
      throw new InvalidObjectException(field + ".label.key", "required");
    }
    int requirement = l.requirement() == null ? 0 : l.requirement();
    if (requirement < 0) {
      throw new InvalidObjectException(field + ".requirement", "must be >= 0, was " + requirement);
    }
    Constraint.Kind kind = l.kind() == io.peloton.api.taskconfig.LabelConstraint.Kind.HOST
        ? Constraint.Kind.HOST : Constraint.Kind.TASK;
    Constraint.Condition cond = switch (l.condition()) {
      case LESS_THAN -> Constraint.Condition.LESS_THAN;
      case EQUAL -> Constraint.Condition.EQUAL;
      case GREATER_THAN -> Constraint.Condition.GREATER_THAN;
    };
    return new Constraint.LabelConstraint(kind, cond, new Label(l.label().key(), l.label().value()), requirement);
  }
}
