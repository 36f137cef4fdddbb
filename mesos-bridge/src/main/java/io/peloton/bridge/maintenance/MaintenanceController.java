package io.peloton.bridge.maintenance;

import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec.MaintenanceMode;
import io.peloton.api.host.HostStatus;
import io.peloton.api.time.DurationText;
import io.peloton.api.time.Rfc3339;
import io.peloton.bridge.hosts.HostSync;
import io.peloton.bridge.mesos.MesosSchedulerClient;
import io.peloton.bridge.mesos.OperatorClient;
import io.peloton.client.informer.ObjectCache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.maintenance.Protos.ClusterStatus;
import org.apache.mesos.v1.maintenance.Protos.Schedule;
import org.apache.mesos.v1.maintenance.Protos.Window;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives Mesos maintenance from {@code Host.spec.maintenance}: DRAIN puts the machine in the
 * maintenance schedule, DOWN takes it down, NONE after DOWN brings it up (which also removes it
 * from the schedule), NONE after DRAIN removes it. Inverse offers are recorded as the Host's
 * unavailability window and accepted once the host runs nothing. Blocking: worker thread only.
 */
public final class MaintenanceController {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceController.class);
  // a master that never answers must not stall hosts and maintenance; the next tick retries
  private static final long OPERATOR_TIMEOUT_SECONDS = 5;

  private final OperatorClient operator;
  private final ObjectCache<Host> hosts;
  private final HostSync hostSync;
  private final Duration window;
  private final Map<String, HostStatus.Unavailability> unavailable = new ConcurrentHashMap<>();
  private final Map<String, Protos.InverseOffer> inverseOffers = new ConcurrentHashMap<>();
  private volatile MesosSchedulerClient client;
  private volatile Protos.FrameworkID frameworkId;
  private final AtomicLong acceptedInverseOffers = new AtomicLong();

  public MaintenanceController(OperatorClient operator, ObjectCache<Host> hosts,
      HostSync hostSync, Duration window) {
    this.operator = operator;
    this.hosts = hosts;
    this.hostSync = hostSync;
    this.window = window;
  }

  /** Binds the scheduler subscription inverse offers are answered on. */
  public void attach(MesosSchedulerClient client, Protos.FrameworkID frameworkId) {
    this.client = client;
    this.frameworkId = frameworkId;
  }

  /** The maintenance window known for a host, or null. */
  public HostStatus.Unavailability unavailabilityOf(String hostname) {
    return unavailable.get(hostname);
  }

  /** Records inverse offers (from the event thread). */
  public void onInverseOffers(List<Protos.InverseOffer> offers) {
    for (Protos.InverseOffer io : offers) {
      inverseOffers.put(io.getId().getValue(), io);
      String host = hostSync.hostnameOf(io.getAgentId().getValue());
      if (host != null && io.hasUnavailability()) {
        unavailable.put(host, toWindow(io.getUnavailability()));
      }
    }
  }

  public void onRescind(Protos.OfferID id) {
    inverseOffers.remove(id.getValue());
  }

  /** Inverse offers go void with their subscription. */
  public void dropInverseOffers() {
    inverseOffers.clear();
  }

  static HostStatus.Unavailability toWindow(Protos.Unavailability u) {
    String start = Rfc3339.format(Instant.ofEpochSecond(0, u.getStart().getNanoseconds()));
    String duration = u.hasDuration()
        ? DurationText.format(Duration.ofNanos(u.getDuration().getNanoseconds())) : null;
    return new HostStatus.Unavailability(start, duration);
  }

  /** Brings the Mesos schedule and machine states in line with every Host's spec. */
  public void reconcile() throws Exception {
    Schedule schedule = operator.getSchedule().get(OPERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    ClusterStatus status = operator.getStatus().get(OPERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Set<String> scheduled = new HashSet<>();
    for (Window w : schedule.getWindowsList()) {
      for (Protos.MachineID m : w.getMachineIdsList()) {
        scheduled.add(m.getHostname().toLowerCase());
        if (m.hasHostname()) {
          unavailable.put(m.getHostname(), toWindow(w.getUnavailability()));
        }
      }
    }
    Set<String> down = new HashSet<>();
    status.getDownMachinesList().forEach(m -> down.add(m.getHostname().toLowerCase()));

    List<Window> keep = new ArrayList<>(schedule.getWindowsList());
    boolean changed = false;
    List<Protos.MachineID> toDown = new ArrayList<>();
    List<Protos.MachineID> toUp = new ArrayList<>();
    for (Host h : hosts.list()) {
      String name = h.metadata().name();
      String key = name.toLowerCase();
      MaintenanceMode mode = h.spec() == null || h.spec().maintenance() == null
          ? MaintenanceMode.NONE : h.spec().maintenance();
      Protos.MachineID machine = machineOf(h);
      switch (mode) {
        case DRAIN, DOWN -> {
          if (!scheduled.contains(key)) {
            Window w = windowFor(machine);
            keep.add(w);
            unavailable.put(name, toWindow(w.getUnavailability()));
            scheduled.add(key);
            changed = true;
          } else if (mode == MaintenanceMode.DOWN && !down.contains(key)) {
            toDown.add(machine);
          }
        }
        case NONE -> {
          if (down.contains(key)) {
            toUp.add(machine);
          } else if (scheduled.contains(key)) {
            keep = without(keep, key);
            unavailable.remove(name);
            changed = true;
          }
        }
      }
    }
    if (changed) {
      operator.updateSchedule(Schedule.newBuilder().addAllWindows(keep).build())
          .get(OPERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("maintenance schedule now has {} windows", keep.size());
    }
    for (Protos.MachineID m : toDown) {
      operator.machineDown(m).get(OPERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      LOG.info("machine {} down", m.getHostname());
    }
    for (Protos.MachineID m : toUp) {
      operator.machineUp(m).get(OPERATOR_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      unavailable.remove(m.getHostname());
      LOG.info("machine {} up", m.getHostname());
    }
    answerInverseOffers();
  }

  private void answerInverseOffers() {
    MesosSchedulerClient c = client;
    if (c == null || !c.isSubscribed()) {
      return;
    }
    List<Protos.OfferID> accept = new ArrayList<>();
    for (Protos.InverseOffer io : inverseOffers.values()) {
      String host = hostSync.hostnameOf(io.getAgentId().getValue());
      if (host != null && hostSync.drained(host)) {
        accept.add(io.getId());
      }
    }
    if (accept.isEmpty()) {
      return;
    }
    accept.forEach(id -> inverseOffers.remove(id.getValue()));
    acceptedInverseOffers.addAndGet(accept.size());
    c.call(Call.newBuilder().setType(Call.Type.ACCEPT_INVERSE_OFFERS).setFrameworkId(frameworkId)
        .setAcceptInverseOffers(Call.AcceptInverseOffers.newBuilder()
            .addAllInverseOfferIds(accept)).build())
        .whenComplete((v, t) -> {
          if (t != null) {
            LOG.warn("ACCEPT_INVERSE_OFFERS failed: {}", t.getMessage());
          }
        });
  }

  public long acceptedInverseOffers() {
    return acceptedInverseOffers.get();
  }

  private static Protos.MachineID machineOf(Host h) {
    Protos.MachineID.Builder m = Protos.MachineID.newBuilder().setHostname(h.metadata().name());
    if (h.status() != null && h.status().ip() != null) {
      m.setIp(h.status().ip());
    }
    return m.build();
  }

  private Window windowFor(Protos.MachineID machine) {
    return Window.newBuilder().addMachineIds(machine).setUnavailability(Protos.Unavailability
        .newBuilder().setStart(Protos.TimeInfo.newBuilder().setNanoseconds(
            System.currentTimeMillis() * 1_000_000L))
        .setDuration(Protos.DurationInfo.newBuilder().setNanoseconds(window.toNanos()))).build();
  }

  private static List<Window> without(List<Window> windows, String hostnameKey) {
    List<Window> out = new ArrayList<>();
    for (Window w : windows) {
      Window.Builder b = w.toBuilder().clearMachineIds();
      for (Protos.MachineID m : w.getMachineIdsList()) {
        if (!m.getHostname().toLowerCase().equals(hostnameKey)) {
          b.addMachineIds(m);
        }
      }
      if (b.getMachineIdsCount() > 0) {
        out.add(b.build());
      }
    }
    return out;
  }
}
