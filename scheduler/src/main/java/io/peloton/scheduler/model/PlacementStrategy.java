package io.peloton.scheduler.model;

/** PACK fills hosts one after another; SPREAD puts at most one task of a job on a host while it can. */
public enum PlacementStrategy {
  PACK,
  SPREAD
}
