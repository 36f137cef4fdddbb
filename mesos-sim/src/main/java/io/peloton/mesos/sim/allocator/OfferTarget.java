package io.peloton.mesos.sim.allocator;

import java.util.List;

/** What the allocator needs to know about a framework. */
public interface OfferTarget {
  String frameworkId();

  /** Subscribed roles that are not suppressed, in preference order. */
  List<String> offerableRoles();

  boolean gpuCapable();

  boolean reservationRefinement();

  RefusalFilters filters();

  /** True if the framework has tasks on the agent (inverse offers go to those, or to offer holders). */
  boolean hasTasksOn(int agentIndex);
}
