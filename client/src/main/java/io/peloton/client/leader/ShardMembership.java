package io.peloton.client.leader;

import io.peloton.api.ApiObject;
import io.peloton.api.lease.Lease;
import io.peloton.api.lease.LeaseSpec;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.time.Rfc3339;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.DaemonThreads;
import io.peloton.client.ListOptions;
import io.peloton.client.TypedClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's membership in a group of all-active replicas that share work by key: it keeps
 * its own Lease {@code <group>-member-<id>} renewed, reads the group's member Leases, and says
 * whether a key is its own ({@link ShardRing} over members whose renewTime is within their
 * lease duration). A replica that cannot renew its own lease owns nothing, so two replicas never
 * both believe they own a key for long.
 */
public final class ShardMembership implements AutoCloseable {
  /** Label carrying the group on every member Lease. */
  public static final String GROUP_LABEL = "peloton.io/shard-group";
  private static final Logger LOG = LoggerFactory.getLogger(ShardMembership.class);
  private static final Pattern NAME_PART = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private final TypedClient<Lease> leases;
  private final String group;
  private final String memberId;
  private final Duration leaseDuration;
  private final Duration renewPeriod;
  private final Clock clock;
  private final ScheduledExecutorService loop;
  private final List<Consumer<ShardRing>> listeners = new CopyOnWriteArrayList<>();
  private volatile ShardRing ring = ShardRing.of(List.of());
  private volatile long lastRenewNanos;
  private volatile boolean renewedOnce;
  private volatile boolean stopped;

  /**
   * @param group name of the replica group (lower-case letters, digits, '-')
   * @param memberId this replica's id, unique in the group (same characters)
   * @param leaseDuration how long a member counts as live after its last renewal
   * @param renewPeriod how often to renew and re-read the group; well below leaseDuration
   */
  public ShardMembership(ApiClient api, String group, String memberId, Duration leaseDuration,
      Duration renewPeriod) {
    this(api, group, memberId, leaseDuration, renewPeriod, Clock.systemUTC());
  }

  public ShardMembership(ApiClient api, String group, String memberId, Duration leaseDuration,
      Duration renewPeriod, Clock clock) {
    requireNamePart("group", group);
    requireNamePart("memberId", memberId);
    if (leaseDuration.toSeconds() < 1 || renewPeriod.isNegative() || renewPeriod.isZero()
        || renewPeriod.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException("need leaseDuration >= 1s and 0 < renewPeriod < "
          + "leaseDuration, got " + leaseDuration + " and " + renewPeriod);
    }
    this.leases = TypedClient.of(api, Lease.class);
    this.group = group;
    this.memberId = memberId;
    this.leaseDuration = leaseDuration;
    this.renewPeriod = renewPeriod;
    this.clock = clock;
    this.loop = Executors.newSingleThreadScheduledExecutor(
        DaemonThreads.named("shard-" + group + "-" + memberId));
  }

  private static void requireNamePart(String field, String value) {
    if (value == null || !NAME_PART.matcher(value).matches()) {
      throw new IllegalArgumentException(field + " '" + value
          + "' must be lower-case letters, digits and '-', starting and ending alphanumeric");
    }
  }

  /** The Lease name of a member. */
  public static String leaseName(String group, String memberId) {
    return group + "-member-" + memberId;
  }

  /** Joins the group; returns at once. */
  public ShardMembership start() {
    loop.scheduleWithFixedDelay(this::tick, 0, renewPeriod.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Called with the new ring whenever the set of live members changes. */
  public ShardMembership onChange(Consumer<ShardRing> listener) {
    listeners.add(listener);
    return this;
  }

  public String memberId() {
    return memberId;
  }

  /** The ring as last computed; empty while this replica's own lease is not current. */
  public ShardRing ring() {
    return isCurrent() ? ring : ShardRing.of(List.of());
  }

  /** Whether this replica should handle the key now. */
  public boolean owns(String key) {
    return ring().owns(memberId, key);
  }

  private boolean isCurrent() {
    return !stopped && renewedOnce
        && System.nanoTime() - lastRenewNanos < leaseDuration.toNanos();
  }

  private void tick() {
    if (stopped) {
      return;
    }
    try {
      renew();
      lastRenewNanos = System.nanoTime();
      renewedOnce = true;
    } catch (RuntimeException e) {
      LOG.warn("shard group {}: {} could not renew its lease: {}", group, memberId,
          e.getMessage());
    }
    try {
      refresh();
    } catch (RuntimeException e) {
      LOG.warn("shard group {}: {} could not read members: {}", group, memberId,
          e.getMessage());
    }
  }

  private void renew() {
    String name = leaseName(group, memberId);
    String now = Rfc3339.format(clock.instant().truncatedTo(ChronoUnit.MICROS));
    int seconds = (int) leaseDuration.toSeconds();
    try {
      Lease current = leases.get(null, name);
      LeaseSpec s = current.spec();
      leases.update(new Lease(current.apiVersion(), current.kind(), current.metadata(),
          new LeaseSpec(memberId, seconds,
              s == null || s.acquireTime() == null ? now : s.acquireTime(), now,
              s == null || s.leaseTransitions() == null ? 0 : s.leaseTransitions())));
    } catch (ApiError e) {
      if (!e.isNotFound()) {
        throw e;
      }
      ObjectMeta meta = ObjectMeta.named(name).withLabels(Map.of(GROUP_LABEL, group));
      leases.create(new Lease(ApiObject.API_VERSION, "Lease", meta,
          new LeaseSpec(memberId, seconds, now, now, 0)));
    }
  }

  private void refresh() {
    Instant now = clock.instant();
    List<String> live = new ArrayList<>();
    for (Lease l : leases.listAll(null, ListOptions.all()
        .withLabelSelector(GROUP_LABEL + "=" + group)).items()) {
      if (isLive(l.spec(), now)) {
        live.add(l.spec().holderIdentity());
      }
    }
    ShardRing next = ShardRing.of(live);
    if (!next.equals(ring)) {
      LOG.info("shard group {}: members now {}", group, next.members());
      ring = next;
      for (Consumer<ShardRing> l : listeners) {
        try {
          l.accept(next);
        } catch (RuntimeException e) {
          LOG.error("shard group {}: a membership listener failed", group, e);
        }
      }
    }
  }

  private static boolean isLive(LeaseSpec spec, Instant now) {
    if (spec == null || spec.holderIdentity() == null || spec.holderIdentity().isEmpty()
        || spec.renewTime() == null || spec.leaseDurationSeconds() == null) {
      return false;
    }
    try {
      Instant renewed = Rfc3339.parse(spec.renewTime());
      return renewed.plusSeconds(spec.leaseDurationSeconds()).isAfter(now);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Leaves the group: stops renewing and deletes its lease so others take over its keys now. */
  @Override
  public void close() {
    if (stop()) {
      try {
        leases.delete(null, leaseName(group, memberId));
      } catch (ApiError e) {
        LOG.warn("shard group {}: {} could not delete its lease ({}); it will expire", group,
            memberId, e.getMessage());
      }
    }
  }

  /** Stops renewing without leaving, as a crashed replica would: its lease simply expires. */
  public void abandon() {
    stop();
  }

  private boolean stop() {
    if (stopped) {
      return false;
    }
    stopped = true;
    loop.shutdown();
    try {
      loop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  @Override
  public String toString() {
    return "ShardMembership(" + group + "/" + memberId + ", " + Objects.toString(ring) + ")";
  }
}
