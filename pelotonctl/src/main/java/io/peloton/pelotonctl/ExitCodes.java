package io.peloton.pelotonctl;

/** pelotonctl's exit codes (kubectl's): diff uses 1 for "differences" and 2 for errors. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;

  private ExitCodes() {}
}
