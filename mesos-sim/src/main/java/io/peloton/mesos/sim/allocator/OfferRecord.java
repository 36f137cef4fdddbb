package io.peloton.mesos.sim.allocator;

/** An outstanding offer: one agent's free resources for one role of one framework. */
public record OfferRecord(long id, String offerId, String frameworkId, int agentIndex, String role) {}
