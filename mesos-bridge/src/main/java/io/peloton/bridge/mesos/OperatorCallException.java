package io.peloton.bridge.mesos;

/** An operator API call the master refused: the call, HTTP status and the master's message. */
public final class OperatorCallException extends RuntimeException {
  private final int status;

  public OperatorCallException(String call, int status, String message) {
    super(call + " got HTTP " + status + ": " + message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
