package io.peloton.bridge.launch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;

/** The offers the bridge holds, per agent, until they are used, declined or rescinded. */
public final class OfferPool {
  private final Map<String, Map<String, Offer>> byAgent = new HashMap<>();
  private final Map<String, String> agentOfOffer = new HashMap<>();
  private final Map<String, Long> heldSince = new HashMap<>();

  public synchronized void add(Offer offer) {
    String agent = offer.getAgentId().getValue();
    heldSince.putIfAbsent(agent, System.nanoTime());
    byAgent.computeIfAbsent(agent, a -> new LinkedHashMap<>()).put(offer.getId().getValue(), offer);
    agentOfOffer.put(offer.getId().getValue(), agent);
  }

  /** Forgets a rescinded offer. */
  public synchronized void rescind(OfferID id) {
    String agent = agentOfOffer.remove(id.getValue());
    if (agent != null) {
      Map<String, Offer> offers = byAgent.get(agent);
      if (offers != null) {
        offers.remove(id.getValue());
        if (offers.isEmpty()) {
          byAgent.remove(agent);
          heldSince.remove(agent);
        }
      }
    }
  }

  /** Removes and returns every offer held for one agent. */
  public synchronized List<Offer> takeAgent(String agentId) {
    Map<String, Offer> offers = byAgent.remove(agentId);
    heldSince.remove(agentId);
    if (offers == null) {
      return List.of();
    }
    offers.keySet().forEach(agentOfOffer::remove);
    return new ArrayList<>(offers.values());
  }

  /** Removes and returns everything (e.g. when the subscription ends, offers are void). */
  public synchronized List<Offer> takeAll() {
    List<Offer> all = new ArrayList<>();
    byAgent.values().forEach(m -> all.addAll(m.values()));
    byAgent.clear();
    agentOfOffer.clear();
    heldSince.clear();
    return all;
  }

  /** Agent id to hostname for every agent with offers held. */
  public synchronized Map<String, String> agentsWithOffers() {
    Map<String, String> out = new HashMap<>();
    byAgent.forEach((agent, offers) -> out.put(agent,
        offers.values().iterator().next().getHostname()));
    return out;
  }

  /** Whether offers of {@code agentId} have been held for at least {@code nanos}. */
  public synchronized boolean heldLongerThan(String agentId, long nanos) {
    Long since = heldSince.get(agentId);
    return since != null && System.nanoTime() - since >= nanos;
  }

  public synchronized int size() {
    return agentOfOffer.size();
  }
}
