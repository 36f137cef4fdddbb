package io.peloton.client.leader;

import io.peloton.api.ApiObject;
import io.peloton.api.lease.Lease;
import io.peloton.api.lease.LeaseSpec;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.DaemonThreads;
import io.peloton.client.TypedClient;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Lease object: the replica whose identity is the Lease's holder leads,
 * renewing it every retry period with optimistic concurrency (a resourceVersion conflict means
 * someone else wrote first). Others take over once the holder has not renewed for the lease
 * duration, measured on their own monotonic clock from when they last saw the record change, so
 * clock skew between replicas does not matter. {@link #close()} releases the lease so a standby
 * takes over at once.
 */
public final class LeaderElector implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElector.class);

  private final TypedClient<Lease> leases;
  private final LeaderElectionConfig config;
  private final LeaderCallbacks callbacks;
  private final Clock clock;
  private final ScheduledExecutorService loop;
  private final ExecutorService callbackThread;
  // state below is touched only by the loop thread, except the volatile fields
  private LeaseSpec observedSpec;
  private long observedAtNanos;
  private volatile boolean leading;
  private volatile long lastRenewNanos;
  private volatile String lastSeenHolder;
  private volatile boolean stopped;

  public LeaderElector(ApiClient api, LeaderElectionConfig config, LeaderCallbacks callbacks) {
    this(api, config, callbacks, Clock.systemUTC());
  }

  public LeaderElector(ApiClient api, LeaderElectionConfig config, LeaderCallbacks callbacks,
      Clock clock) {
    this.leases = TypedClient.of(api, Lease.class);
    this.config = Objects.requireNonNull(config, "config");
    this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
    this.clock = clock;
    this.loop = Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.named("leader-" + config.leaseName()));
    this.callbackThread = Executors.newSingleThreadExecutor(
        DaemonThreads.named("leader-callbacks-" + config.leaseName()));
  }


  /** Starts contending; returns at once. */
  public LeaderElector start() {
    loop.scheduleWithFixedDelay(this::tick, 0, config.retryPeriod().toMillis(),
        TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * True while this replica leads: it holds the lease and renewed it within the renew deadline
   * (checked here too, so a starved renew thread cannot make a stale leader believe it leads).
   */
  public boolean isLeader() {
    return leading && !stopped
        && System.nanoTime() - lastRenewNanos < config.renewDeadline().toNanos();
  }

  /** The holder last seen on the lease (maybe this replica), or null. */
  public String currentLeader() {
    return lastSeenHolder;
  }

  public String identity() {
    return config.identity();
  }

  private void tick() {
    if (stopped) {
      return;
    }
    boolean ok;
    try {
      ok = tryAcquireOrRenew();
    } catch (ApiError e) {
      LOG.debug("lease {}: {}", config.leaseName(), e.getMessage());
      ok = false;
    } catch (RuntimeException e) {
      LOG.warn("lease {}: unexpected failure", config.leaseName(), e);
      ok = false;
    }
    if (ok) {
      lastRenewNanos = System.nanoTime();
      if (!leading) {
        leading = true;
        LOG.info("lease {}: {} is now the leader", config.leaseName(), config.identity());
        callbackThread.execute(callbacks::onStartedLeading);
      }
    } else if (leading
        && System.nanoTime() - lastRenewNanos >= config.renewDeadline().toNanos()) {
      loseLeadership("could not renew within " + config.renewDeadline());
    }
  }

  private void loseLeadership(String why) {
    if (leading) {
      leading = false;
      LOG.warn("lease {}: {} stopped leading: {}", config.leaseName(), config.identity(), why);
      callbackThread.execute(callbacks::onStoppedLeading);
    }
  }

  /** One round: true when this replica holds the lease afterwards. */
  private boolean tryAcquireOrRenew() {
    String now = Rfc3339.format(clock.instant().truncatedTo(ChronoUnit.MICROS));
    int seconds = (int) Math.max(1, config.leaseDuration().toSeconds());
    Lease current;
    try {
      current = leases.get(null, config.leaseName());
    } catch (ApiError e) {
      if (!e.isNotFound()) {
        throw e;
      }
      LeaseSpec spec = new LeaseSpec(config.identity(), seconds, now, now, 0);
      try {
        Lease created = leases.create(new Lease(ApiObject.API_VERSION, "Lease",
            ObjectMeta.named(config.leaseName()), spec));
        observe(created.spec());
        return true;
      } catch (ApiError raced) {
        if (raced.isAlreadyExists()) {
          return false; // another replica created it first
        }
        throw raced;
      }
    }
    LeaseSpec spec = current.spec() == null ? new LeaseSpec(null, null, null, null, 0)
        : current.spec();
    observe(spec);
    String holder = spec.holderIdentity();
    boolean held = holder != null && !holder.isEmpty();
    boolean mine = config.identity().equals(holder);
    if (held && !mine) {
      if (leading) {
        // someone took over (we must have been unable to renew): stop now
        loseLeadership(holder + " holds the lease");
      }
      int holderSeconds = spec.leaseDurationSeconds() == null ? seconds
          : spec.leaseDurationSeconds();
      if (System.nanoTime() - observedAtNanos < TimeUnit.SECONDS.toNanos(holderSeconds)) {
        return false; // still valid
      }
      LOG.info("lease {}: holder {} has not renewed for {}s; taking over", config.leaseName(),
          holder, holderSeconds);
    }
    int transitions = spec.leaseTransitions() == null ? 0 : spec.leaseTransitions();
    LeaseSpec next = mine
        ? new LeaseSpec(config.identity(), seconds, spec.acquireTime(), now, transitions)
        : new LeaseSpec(config.identity(), seconds, now, now, transitions + 1);
    try {
      Lease updated = leases.update(new Lease(current.apiVersion(), current.kind(),
          current.metadata(), next));
      observe(updated.spec());
      return true;
    } catch (ApiError e) {
      if (e.isConflict()) {
        return false; // someone else wrote first; look again next round
      }
      throw e;
    }
  }

  /** Notes the record; a change restarts the expiry clock of the holder. */
  private void observe(LeaseSpec spec) {
    if (!Objects.equals(spec, observedSpec)) {
      observedSpec = spec;
      observedAtNanos = System.nanoTime();
      String holder = spec.holderIdentity();
      if (holder != null && !holder.isEmpty() && !holder.equals(lastSeenHolder)) {
        lastSeenHolder = holder;
        callbackThread.execute(() -> callbacks.onNewLeader(holder));
      }
    }
  }

  /**
   * Stops contending and, if leading, releases the lease (empties its holder) so a standby
   * takes over without waiting for expiry.
   */
  @Override
  public void close() {
    stop(true);
  }

  /**
   * Stops renewing without releasing the lease, as a crashed replica would: others take over
   * only after it expires. Local callbacks are still told leadership ended.
   */
  public void abandon() {
    stop(false);
  }

  private void stop(boolean release) {
    if (stopped) {
      return;
    }
    stopped = true;
    loop.shutdown();
    try {
      loop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (release && leading) {
      release();
    }
    loseLeadership(release ? "released" : "abandoned");
    callbackThread.shutdown();
  }

  private void release() {
    try {
      Lease current = leases.get(null, config.leaseName());
      LeaseSpec spec = current.spec();
      if (spec == null || !config.identity().equals(spec.holderIdentity())) {
        return;
      }
      String now = Rfc3339.format(clock.instant().truncatedTo(ChronoUnit.MICROS));
      leases.update(new Lease(current.apiVersion(), current.kind(), current.metadata(),
          new LeaseSpec(null, 1, spec.acquireTime(), now, spec.leaseTransitions())));
      LOG.info("lease {}: {} released it", config.leaseName(), config.identity());
    } catch (ApiError e) {
      LOG.warn("lease {}: could not release it ({}); it will expire", config.leaseName(),
          e.getMessage());
    }
  }

  /** How long others wait for an unrenewed lease. */
  public Duration leaseDuration() {
    return config.leaseDuration();
  }
}
