package io.peloton.mesos.sim.allocator;

/** An outstanding inverse offer: a request that the framework give the agent back for maintenance. */
public record InverseOfferRecord(long id, String offerId, String frameworkId, int agentIndex) {}
