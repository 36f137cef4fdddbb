package io.peloton.scheduler.model;

/** One kind's settings in a pool: guaranteed reservation, hard limit, share of the surplus, type. */
public record PoolResource(double reservation, double limit, double share, ReservationType type) {
  public PoolResource {
    if (Double.isNaN(reservation) || reservation < 0) {
      throw new IllegalArgumentException("reservation must be >= 0, was " + reservation);
    }
    if (Double.isNaN(limit) || limit < reservation) {
      throw new IllegalArgumentException("limit must be >= reservation (" + reservation + "), was " + limit);
    }
    if (Double.isNaN(share) || share < 0) {
      throw new IllegalArgumentException("share must be >= 0, was " + share);
    }
    if (type == null) {
      type = ReservationType.ELASTIC;
    }
  }

  public static PoolResource elastic(double reservation, double limit, double share) {
    return new PoolResource(reservation, limit, share, ReservationType.ELASTIC);
  }

  /** What Peloton fills in for a kind a pool does not mention: nothing reserved, nothing allowed. */
  public static final PoolResource ABSENT = new PoolResource(0, 0, 1, ReservationType.ELASTIC);
}
