package io.peloton.bridge.launch;

import io.peloton.bridge.mesos.MesosSchedulerClient;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUPPRESSes offers while nothing is bound or pending and REVIVEs them as soon as work appears
 * (REVIVE also lifts decline filters, so an agent declined a moment ago is offered again).
 */
public final class OfferDemand {
  private static final Logger LOG = LoggerFactory.getLogger(OfferDemand.class);
  private static final long REVIVE_EVERY_NANOS = 2_000_000_000L;

  private final MesosSchedulerClient client;
  private final Protos.FrameworkID frameworkId;
  private volatile boolean suppressed;
  private long lastRevive;
  private final AtomicLong revives = new AtomicLong();
  private final AtomicLong suppresses = new AtomicLong();

  public OfferDemand(MesosSchedulerClient client, Protos.FrameworkID frameworkId) {
    this.client = client;
    this.frameworkId = frameworkId;
  }

  /** A new subscription starts unsuppressed (SUBSCRIBE without suppressed_roles). */
  public synchronized void onSubscribed() {
    suppressed = false;
    lastRevive = System.nanoTime();
  }

  /**
   * Called after every launch round.
   *
   * @param work some task is bound or pending
   * @param starved some bound task's host has no offer held
   */
  public synchronized void update(boolean work, boolean starved) {
    long now = System.nanoTime();
    if (work && (suppressed || (starved && now - lastRevive > REVIVE_EVERY_NANOS))) {
      send(Call.Type.REVIVE);
      suppressed = false;
      lastRevive = now;
      revives.incrementAndGet();
    } else if (!work && !suppressed) {
      send(Call.Type.SUPPRESS);
      suppressed = true;
      suppresses.incrementAndGet();
    }
  }

  private void send(Call.Type type) {
    LOG.debug("{} offers", type);
    client.call(Call.newBuilder().setType(type).setFrameworkId(frameworkId).build())
        .whenComplete((v, t) -> {
          if (t != null) {
            LOG.warn("{} failed: {}", type, t.getMessage());
            synchronized (this) {
              // undo the bookkeeping so the next round sends it again
              suppressed = type == Call.Type.REVIVE;
            }
          }
        });
  }

  public boolean suppressed() {
    return suppressed;
  }

  public long revives() {
    return revives.get();
  }

  public long suppresses() {
    return suppresses.get();
  }
}
