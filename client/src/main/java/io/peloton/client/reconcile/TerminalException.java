package io.peloton.client.reconcile;

/** A reconcile failure that retrying cannot fix (bad spec, say): logged, not retried. */
public class TerminalException extends Exception {
  public TerminalException(String message) {
    super(message);
  }

  public TerminalException(String message, Throwable cause) {
    super(message, cause);
  }
}
