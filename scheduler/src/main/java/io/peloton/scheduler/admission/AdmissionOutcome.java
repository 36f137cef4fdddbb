package io.peloton.scheduler.admission;

import java.util.List;

/** Gangs admitted this cycle, in placement order, and the gangs held back with the reason. */
public record AdmissionOutcome(List<Gang> admitted, List<HeldBack> heldBack) {
  /** A gang that waits, and why. */
  public record HeldBack(Gang gang, String reason) {}
}
