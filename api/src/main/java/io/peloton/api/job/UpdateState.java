package io.peloton.api.job;

/** Peloton's update (workflow) states ({@code update.proto} {@code State}). */
public enum UpdateState {
  INITIALIZED, ROLLING_FORWARD, PAUSED, SUCCEEDED, ABORTED, FAILED, ROLLING_BACKWARD, ROLLED_BACK;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == ABORTED || this == FAILED || this == ROLLED_BACK;
  }
}
