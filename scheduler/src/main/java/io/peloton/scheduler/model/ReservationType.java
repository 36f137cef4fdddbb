package io.peloton.scheduler.model;

/** ELASTIC lends unused reservation to siblings; STATIC keeps it for the pool whatever its demand. */
public enum ReservationType {
  ELASTIC,
  STATIC
}
