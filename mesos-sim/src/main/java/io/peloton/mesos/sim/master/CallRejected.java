package io.peloton.mesos.sim.master;

/** A call the master refuses synchronously: the HTTP status and the plain-text body. */
public final class CallRejected extends RuntimeException {
  private final int status;

  public CallRejected(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
