package io.peloton.mesos.sim.allocator;

import io.peloton.mesos.sim.agent.Agent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Unavailability;

/**
 * Makes offers: each allocation cycle, every active agent with free resources and no outstanding
 * offer is offered whole to one framework role (frameworks take turns), honouring suppression,
 * filters and GPU capability. Also makes inverse offers for agents on DRAINING machines.
 * Offer protobufs are built on demand and not kept. Not thread-safe: called under the master lock.
 */
public final class Allocator {
  private final String masterId;
  private long sequence;
  private int turn;
  private final Map<Long, OfferRecord> offers = new HashMap<>();
  private final Map<Long, InverseOfferRecord> inverseOffers = new HashMap<>();
  private final Map<String, Long> inverseByFrameworkAgent = new HashMap<>();

  public Allocator(String masterId) {
    this.masterId = masterId;
  }

  /** Runs one offer cycle over all agents. */
  public Map<String, List<Offer>> allocate(List<Agent> agents, List<? extends OfferTarget> frameworks,
                                           Function<Agent, Unavailability> unavailability, long nowNanos) {
    Map<String, List<Offer>> out = new LinkedHashMap<>();
    if (frameworks.isEmpty()) {
      return out;
    }
    int n = frameworks.size();
    for (Agent agent : agents) {
      if (!agent.isActive() || agent.offerId() != 0) {
        continue;
      }
      for (int k = 0; k < n; k++) {
        OfferTarget fw = frameworks.get((turn + k) % n);
        if (agent.resources().hasGpus() && !fw.gpuCapable()) {
          continue;
        }
        String role = pickRole(fw, agent, nowNanos);
        if (role == null) {
          continue;
        }
        long id = ++sequence;
        OfferRecord record = new OfferRecord(id, masterId + "-O" + id, fw.frameworkId(), agent.index(), role);
        offers.put(id, record);
        agent.offerId(id);
        out.computeIfAbsent(fw.frameworkId(), f -> new ArrayList<>())
            .add(build(record, agent, fw.reservationRefinement(), unavailability.apply(agent)));
        turn = (turn + k + 1) % n;
        break;
      }
    }
    return out;
  }

  private static String pickRole(OfferTarget fw, Agent agent, long nowNanos) {
    List<String> roles = fw.offerableRoles();
    String chosen = null;
    for (String role : roles) {
      if (!agent.resources().hasOfferable(role)) {
        continue;
      }
      if (fw.filters().filtered(agent.index(), role, agent.resources().freeCpus(), agent.resources().freeMem(), nowNanos)) {
        continue;
      }
      if (agent.resources().hasReservationsFor(role)) {
        return role; // a role with reservations here gets them offered
      }
      if (chosen == null) {
        chosen = role;
      }
    }
    return chosen;
  }

  /** Builds the Offer protobuf for a record. */
  public Offer build(OfferRecord record, Agent agent, boolean refinement, Unavailability unavailability) {
    Offer.Builder b = Offer.newBuilder()
        .setId(Protos.OfferID.newBuilder().setValue(record.offerId()))
        .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(record.frameworkId()))
        .setAgentId(agent.agentId())
        .setHostname(agent.hostname())
        .setUrl(agent.url())
        .setAllocationInfo(Protos.Resource.AllocationInfo.newBuilder().setRole(record.role()))
        .addAllResources(agent.resources().offerable(record.role(), refinement))
        .addAllAttributes(agent.attributes());
    if (unavailability != null) {
      b.setUnavailability(unavailability);
    }
    return b.build();
  }

  /** Runs one inverse-offer cycle: agents on DRAINING machines, frameworks using them. */
  public Map<String, List<Protos.InverseOffer>> allocateInverse(List<Agent> drainingAgents,
      List<? extends OfferTarget> frameworks, Function<Agent, Unavailability> unavailability, long nowNanos) {
    Map<String, List<Protos.InverseOffer>> out = new LinkedHashMap<>();
    for (Agent agent : drainingAgents) {
      if (!agent.isActive()) {
        continue;
      }
      for (OfferTarget fw : frameworks) {
        boolean uses = fw.hasTasksOn(agent.index()) || offeredTo(agent, fw.frameworkId());
        String key = fw.frameworkId() + "/" + agent.index();
        if (!uses || inverseByFrameworkAgent.containsKey(key) || fw.filters().inverseFiltered(agent.index(), nowNanos)) {
          continue;
        }
        long id = ++sequence;
        InverseOfferRecord record = new InverseOfferRecord(id, masterId + "-O" + id, fw.frameworkId(), agent.index());
        inverseOffers.put(id, record);
        inverseByFrameworkAgent.put(key, id);
        out.computeIfAbsent(fw.frameworkId(), f -> new ArrayList<>()).add(Protos.InverseOffer.newBuilder()
            .setId(Protos.OfferID.newBuilder().setValue(record.offerId()))
            .setUrl(agent.url())
            .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(fw.frameworkId()))
            .setAgentId(agent.agentId())
            .setUnavailability(unavailability.apply(agent))
            .build());
      }
    }
    return out;
  }

  private boolean offeredTo(Agent agent, String frameworkId) {
    OfferRecord r = offers.get(agent.offerId());
    return r != null && r.frameworkId().equals(frameworkId);
  }

  /** Removes and returns an offer by its id string, or null if unknown (rescinded, used, never made). */
  public OfferRecord take(String offerId, List<Agent> agents) {
    Long id = parseId(offerId);
    if (id == null) {
      return null;
    }
    OfferRecord r = offers.remove(id);
    if (r != null) {
      agents.get(r.agentIndex()).offerId(0);
    }
    return r;
  }

  /** Looks an offer up without removing it. */
  public OfferRecord peek(String offerId) {
    Long id = parseId(offerId);
    return id == null ? null : offers.get(id);
  }

  /** Removes and returns an inverse offer by its id string, or null. */
  public InverseOfferRecord takeInverse(String offerId) {
    Long id = parseId(offerId);
    if (id == null) {
      return null;
    }
    InverseOfferRecord r = inverseOffers.remove(id);
    if (r != null) {
      inverseByFrameworkAgent.remove(r.frameworkId() + "/" + r.agentIndex());
    }
    return r;
  }

  /** Removes the agent's outstanding offer (returned so it can be rescinded), or null. */
  public OfferRecord removeOfferOn(Agent agent) {
    if (agent.offerId() == 0) {
      return null;
    }
    OfferRecord r = offers.remove(agent.offerId());
    agent.offerId(0);
    return r;
  }

  /** Removes the agent's inverse offers (to be rescinded). */
  public List<InverseOfferRecord> removeInverseOn(Agent agent) {
    List<InverseOfferRecord> removed = new ArrayList<>();
    for (Iterator<InverseOfferRecord> it = inverseOffers.values().iterator(); it.hasNext(); ) {
      InverseOfferRecord r = it.next();
      if (r.agentIndex() == agent.index()) {
        it.remove();
        inverseByFrameworkAgent.remove(r.frameworkId() + "/" + r.agentIndex());
        removed.add(r);
      }
    }
    return removed;
  }

  /** Drops every offer and inverse offer of a framework (disconnect, failover, teardown). */
  public List<OfferRecord> removeFramework(String frameworkId, List<Agent> agents) {
    List<OfferRecord> removed = new ArrayList<>();
    for (Iterator<OfferRecord> it = offers.values().iterator(); it.hasNext(); ) {
      OfferRecord r = it.next();
      if (r.frameworkId().equals(frameworkId)) {
        it.remove();
        agents.get(r.agentIndex()).offerId(0);
        removed.add(r);
      }
    }
    for (Iterator<InverseOfferRecord> it = inverseOffers.values().iterator(); it.hasNext(); ) {
      InverseOfferRecord r = it.next();
      if (r.frameworkId().equals(frameworkId)) {
        it.remove();
        inverseByFrameworkAgent.remove(r.frameworkId() + "/" + r.agentIndex());
      }
    }
    return removed;
  }

  /** The framework's outstanding offers. */
  public List<OfferRecord> offersOf(String frameworkId) {
    List<OfferRecord> list = new ArrayList<>();
    for (OfferRecord r : offers.values()) {
      if (r.frameworkId().equals(frameworkId)) {
        list.add(r);
      }
    }
    return list;
  }

  /** Drops everything (master restart). */
  public void clear(List<Agent> agents) {
    offers.clear();
    inverseOffers.clear();
    inverseByFrameworkAgent.clear();
    for (Agent a : agents) {
      a.offerId(0);
    }
  }

  public int outstandingOffers() {
    return offers.size();
  }

  private Long parseId(String offerId) {
    int i = offerId.lastIndexOf("-O");
    if (i < 0 || !offerId.startsWith(masterId)) {
      return null;
    }
    try {
      return Long.parseLong(offerId.substring(i + 2));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
