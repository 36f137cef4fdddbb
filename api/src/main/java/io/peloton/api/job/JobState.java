package io.peloton.api.job;

/** Peloton's job states ({@code job.proto} {@code JobState}). */
public enum JobState {
  UNKNOWN, INITIALIZED, PENDING, RUNNING, SUCCEEDED, FAILED, KILLED, KILLING, UNINITIALIZED,
  DELETED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == KILLED || this == DELETED;
  }
}
