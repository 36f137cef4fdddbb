package io.peloton.mesos.sim.maintenance;

/** A maintenance request broke one of the rules; the message becomes the 400 body. */
public final class MaintenanceException extends RuntimeException {
  public MaintenanceException(String message) {
    super(message);
  }
}
