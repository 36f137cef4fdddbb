package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import java.util.List;

/**
 * A placement constraint tree, as Peloton's {@code Constraint}: a label constraint or an AND/OR of
 * further constraints.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Constraint(
    ConstraintType type,
    LabelConstraint labelConstraint,
    Junction andConstraint,
    Junction orConstraint) {

  /** Sub-constraints combined by AND or OR. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Junction(List<Constraint> constraints) {
    public Junction {
      constraints = Frozen.list(constraints);
    }
  }

  /** Which of the three shapes this constraint has. */
  public enum ConstraintType { LABEL, AND, OR }
}
