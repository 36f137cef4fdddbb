package io.peloton.mesos.sim.agent;

import io.peloton.mesos.sim.cluster.AgentSpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * An agent's resources: unreserved scalars and ports held as plain numbers, plus dynamic
 * reservations and persistent volumes as a short list. Offers are built from it on demand.
 */
public final class AgentResources {
  private static final double EPSILON = 1e-6;

  private final double totalCpus;
  private final double totalMem;
  private final double totalDisk;
  private final double totalGpus;
  private final long[] portRanges;
  // unreserved, not used by tasks or reservations
  private double freeCpus;
  private double freeMem;
  private double freeDisk;
  private double freeGpus;
  private BitSet usedPorts;
  private List<ReservedSlice> reserved;
  private final String portsKey;

  /**
   * Offers of agents in the same state (same free amounts, ports untouched, no reservations) hold
   * equal resources, so the lists are shared: with 50k identical agents this saves most of the
   * work of building an offer round. Bounded, and holds no per-agent objects.
   */
  private static final java.util.Map<OfferKey, List<Resource>> SHARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record OfferKey(double cpus, double mem, double disk, double gpus, String ports, String role,
                          boolean refinement) {}

  /** One reserved (or volume) resource: its identity without amounts, the total and what is free. */
  static final class ReservedSlice {
    final Resource shape;
    double total;
    double free;

    ReservedSlice(Resource shape, double total) {
      this.shape = shape;
      this.total = total;
      this.free = total;
    }
  }

  /** What a task took, to be given back when it ends. */
  public record Usage(double cpus, double mem, double disk, double gpus, List<long[]> ports,
                      List<Object[]> reservedTaken) {}

  public AgentResources(AgentSpec spec) {
    totalCpus = spec.cpus();
    totalMem = spec.mem();
    totalDisk = spec.disk();
    totalGpus = spec.gpus();
    List<String> ranges = spec.portsOrDefault();
    portRanges = new long[ranges.size() * 2];
    for (int i = 0; i < ranges.size(); i++) {
      long[] r = AgentSpec.parseRange("ports", ranges.get(i));
      portRanges[2 * i] = r[0];
      portRanges[2 * i + 1] = r[1];
    }
    freeCpus = totalCpus;
    freeMem = totalMem;
    freeDisk = totalDisk;
    freeGpus = totalGpus;
    portsKey = String.join(",", ranges).intern();
  }

  public boolean hasGpus() {
    return totalGpus > 0;
  }

  public double freeCpus() {
    return freeCpus;
  }

  public double freeMem() {
    return freeMem;
  }

  /** True when something worth offering to the role is free (Mesos's minimum allocatable). */
  public boolean hasOfferable(String role) {
    if (freeCpus >= 0.01 || freeMem >= 32) {
      return true;
    }
    if (reserved != null) {
      for (ReservedSlice s : reserved) {
        if (s.free > EPSILON && reservedRole(s.shape).equals(role)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True if the role has reserved resources here (so the allocator prefers it). */
  public boolean hasReservationsFor(String role) {
    if (reserved == null) {
      return false;
    }
    for (ReservedSlice s : reserved) {
      if (reservedRole(s.shape).equals(role)) {
        return true;
      }
    }
    return false;
  }

  /** The resources an offer to this role would hold, in pre- or post-refinement format. */
  public List<Resource> offerable(String role, boolean refinement) {
    if (usedPorts == null && reserved == null) {
      OfferKey key = new OfferKey(freeCpus, freeMem, freeDisk, freeGpus, portsKey, role, refinement);
      List<Resource> shared = SHARED.get(key);
      if (shared == null) {
        if (SHARED.size() > 4096) {
          SHARED.clear();
        }
        shared = List.copyOf(build(role, refinement));
        SHARED.put(key, shared);
      }
      return shared;
    }
    return build(role, refinement);
  }

  private List<Resource> build(String role, boolean refinement) {
    List<Resource> out = new ArrayList<>(6);
    Protos.Resource.AllocationInfo alloc = Protos.Resource.AllocationInfo.newBuilder().setRole(role).build();
    addScalar(out, "cpus", freeCpus, alloc, refinement);
    addScalar(out, "mem", freeMem, alloc, refinement);
    addScalar(out, "disk", freeDisk, alloc, refinement);
    addScalar(out, "gpus", freeGpus, alloc, refinement);
    Value.Ranges ports = freePorts();
    if (ports.getRangeCount() > 0) {
      Resource.Builder b = Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(ports)
          .setAllocationInfo(alloc);
      if (!refinement) {
        b.setRole("*");
      }
      out.add(b.build());
    }
    if (reserved != null) {
      for (ReservedSlice s : reserved) {
        if (s.free > EPSILON && reservedRole(s.shape).equals(role)) {
          Resource r = s.shape.toBuilder().setScalar(scalar(s.free)).setAllocationInfo(alloc).build();
          out.add(refinement ? r : toPreRefinement(r));
        }
      }
    }
    return out;
  }

  /** All resources of the agent (for GET_AGENTS). */
  public List<Resource> total() {
    List<Resource> out = new ArrayList<>();
    if (reserved != null) {
      for (ReservedSlice s : reserved) {
        out.add(s.shape.toBuilder().setScalar(scalar(s.total)).build());
      }
    }
    addScalar(out, "cpus", totalCpus - reservedAmount("cpus"), null, true);
    addScalar(out, "mem", totalMem - reservedAmount("mem"), null, true);
    addScalar(out, "disk", totalDisk - reservedAmount("disk"), null, true);
    addScalar(out, "gpus", totalGpus, null, true);
    Value.Ranges.Builder all = Value.Ranges.newBuilder();
    for (int i = 0; i < portRanges.length; i += 2) {
      all.addRange(Value.Range.newBuilder().setBegin(portRanges[i]).setEnd(portRanges[i + 1]));
    }
    out.add(Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(all).build());
    return out;
  }

  private double reservedAmount(String name) {
    double sum = 0;
    if (reserved != null) {
      for (ReservedSlice s : reserved) {
        if (s.shape.getName().equals(name)) {
          sum += s.total;
        }
      }
    }
    return sum;
  }

  // ---------------------------------------------------------------- task usage

  /** Takes the task's resources; throws IllegalArgumentException naming what is missing. */
  public Usage take(List<Resource> requested) {
    double cpus = 0;
    double mem = 0;
    double disk = 0;
    double gpus = 0;
    List<long[]> ports = new ArrayList<>();
    List<Object[]> fromReserved = new ArrayList<>();
    for (Resource raw : requested) {
      // plain unreserved resources (the common case) need no normalising copy
      boolean plain = raw.getReservationsCount() == 0 && (!raw.hasRole() || raw.getRole().equals("*"));
      Resource r = plain ? raw : normalize(raw);
      if (r.getReservationsCount() > 0) {
        ReservedSlice slice = findSlice(r);
        double want = r.getScalar().getValue();
        if (slice == null || slice.free + EPSILON < want) {
          throw new IllegalArgumentException("resource '" + r.getName() + "' reserved for role '"
              + reservedRole(r) + "' is not available in the offer");
        }
        fromReserved.add(new Object[] {slice, want});
        continue;
      }
      switch (r.getName()) {
        case "cpus" -> cpus += r.getScalar().getValue();
        case "mem" -> mem += r.getScalar().getValue();
        case "disk" -> disk += r.getScalar().getValue();
        case "gpus" -> gpus += r.getScalar().getValue();
        case "ports" -> {
          for (Value.Range range : r.getRanges().getRangeList()) {
            ports.add(new long[] {range.getBegin(), range.getEnd()});
          }
        }
        default -> throw new IllegalArgumentException("unknown resource '" + r.getName() + "'");
      }
    }
    if (cpus > freeCpus + EPSILON) {
      throw new IllegalArgumentException("task uses more cpus (" + cpus + ") than offered (" + freeCpus + ")");
    }
    if (mem > freeMem + EPSILON) {
      throw new IllegalArgumentException("task uses more mem (" + mem + ") than offered (" + freeMem + ")");
    }
    if (disk > freeDisk + EPSILON) {
      throw new IllegalArgumentException("task uses more disk (" + disk + ") than offered (" + freeDisk + ")");
    }
    if (gpus > freeGpus + EPSILON) {
      throw new IllegalArgumentException("task uses more gpus (" + gpus + ") than offered (" + freeGpus + ")");
    }
    for (long[] range : ports) {
      for (long p = range[0]; p <= range[1]; p++) {
        if (!portOffered(p)) {
          throw new IllegalArgumentException("port " + p + " is not offered");
        }
      }
    }
    // checks passed: commit
    freeCpus -= cpus;
    freeMem -= mem;
    freeDisk -= disk;
    freeGpus -= gpus;
    for (long[] range : ports) {
      usedPorts().set((int) range[0], (int) range[1] + 1);
    }
    for (Object[] taken : fromReserved) {
      ((ReservedSlice) taken[0]).free -= (Double) taken[1];
    }
    return new Usage(cpus, mem, disk, gpus, ports, fromReserved);
  }

  /** Gives a finished task's resources back. */
  public void give(Usage usage) {
    freeCpus += usage.cpus();
    freeMem += usage.mem();
    freeDisk += usage.disk();
    freeGpus += usage.gpus();
    for (long[] range : usage.ports()) {
      usedPorts().clear((int) range[0], (int) range[1] + 1);
    }
    for (Object[] taken : usage.reservedTaken()) {
      ((ReservedSlice) taken[0]).free += (Double) taken[1];
    }
  }

  private boolean portOffered(long p) {
    boolean inRange = false;
    for (int i = 0; i < portRanges.length; i += 2) {
      if (p >= portRanges[i] && p <= portRanges[i + 1]) {
        inRange = true;
        break;
      }
    }
    return inRange && (usedPorts == null || !usedPorts.get((int) p));
  }

  private BitSet usedPorts() {
    if (usedPorts == null) {
      usedPorts = new BitSet();
    }
    return usedPorts;
  }

  private Value.Ranges freePorts() {
    Value.Ranges.Builder b = Value.Ranges.newBuilder();
    for (int i = 0; i < portRanges.length; i += 2) {
      long begin = -1;
      for (long p = portRanges[i]; p <= portRanges[i + 1]; p++) {
        boolean free = usedPorts == null || !usedPorts.get((int) p);
        if (free && begin < 0) {
          begin = p;
        } else if (!free && begin >= 0) {
          b.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(p - 1));
          begin = -1;
        }
        if (usedPorts == null) {
          // fast path: nothing used, the whole range is free
          b.addRange(Value.Range.newBuilder().setBegin(portRanges[i]).setEnd(portRanges[i + 1]));
          begin = -1;
          break;
        }
      }
      if (begin >= 0) {
        b.addRange(Value.Range.newBuilder().setBegin(begin).setEnd(portRanges[i + 1]));
      }
    }
    return b.build();
  }

  // ---------------------------------------------------------------- offer operations

  /** RESERVE: moves unreserved scalars into a dynamic reservation (labels kept). */
  public void reserve(List<Resource> resources) {
    List<Resource> normalized = resources.stream().map(AgentResources::normalize).toList();
    double cpus = 0;
    double mem = 0;
    double disk = 0;
    double gpus = 0;
    for (Resource r : normalized) {
      if (r.getReservationsCount() == 0
          || r.getReservations(r.getReservationsCount() - 1).getType() != Resource.ReservationInfo.Type.DYNAMIC) {
        throw new IllegalArgumentException("RESERVE: resource '" + r.getName() + "' has no dynamic reservation");
      }
      if (r.getReservationsCount() > 1) {
        throw new IllegalArgumentException("RESERVE: refined reservations are not supported by the simulator");
      }
      if (r.getType() != Value.Type.SCALAR) {
        throw new IllegalArgumentException("RESERVE: only scalar resources can be reserved in the simulator");
      }
      switch (r.getName()) {
        case "cpus" -> cpus += r.getScalar().getValue();
        case "mem" -> mem += r.getScalar().getValue();
        case "disk" -> disk += r.getScalar().getValue();
        case "gpus" -> gpus += r.getScalar().getValue();
        default -> throw new IllegalArgumentException("RESERVE: unknown resource '" + r.getName() + "'");
      }
    }
    if (cpus > freeCpus + EPSILON || mem > freeMem + EPSILON || disk > freeDisk + EPSILON || gpus > freeGpus + EPSILON) {
      throw new IllegalArgumentException("RESERVE: more resources than offered");
    }
    freeCpus -= cpus;
    freeMem -= mem;
    freeDisk -= disk;
    freeGpus -= gpus;
    for (Resource r : normalized) {
      addSlice(r, r.getScalar().getValue());
    }
  }

  /** UNRESERVE: gives a free dynamic reservation back to the unreserved pool. */
  public void unreserve(List<Resource> resources) {
    List<Resource> normalized = resources.stream().map(AgentResources::normalize).toList();
    for (Resource r : normalized) {
      ReservedSlice s = findSlice(r);
      if (s == null || s.free + EPSILON < r.getScalar().getValue() || r.getDisk().hasPersistence()) {
        throw new IllegalArgumentException("UNRESERVE: resource '" + r.getName() + "' is not reserved and free");
      }
    }
    for (Resource r : normalized) {
      double amount = r.getScalar().getValue();
      takeFromSlice(findSlice(r), amount);
      switch (r.getName()) {
        case "cpus" -> freeCpus += amount;
        case "mem" -> freeMem += amount;
        case "disk" -> freeDisk += amount;
        case "gpus" -> freeGpus += amount;
        default -> { }
      }
    }
  }

  /** CREATE: carves persistent volumes out of reserved disk. */
  public void createVolumes(List<Resource> volumes) {
    List<Resource> normalized = volumes.stream().map(AgentResources::normalize).toList();
    for (Resource v : normalized) {
      if (!v.getDisk().hasPersistence() || v.getReservationsCount() == 0) {
        throw new IllegalArgumentException("CREATE: volume needs 'disk.persistence' and a reservation");
      }
      ReservedSlice source = findSlice(withoutVolume(v));
      if (source == null || source.free + EPSILON < v.getScalar().getValue()) {
        throw new IllegalArgumentException("CREATE: no reserved disk for volume '" + v.getDisk().getPersistence().getId() + "'");
      }
      if (findSlice(v) != null) {
        throw new IllegalArgumentException("CREATE: volume '" + v.getDisk().getPersistence().getId() + "' exists");
      }
    }
    for (Resource v : normalized) {
      takeFromSlice(findSlice(withoutVolume(v)), v.getScalar().getValue());
      addSlice(v, v.getScalar().getValue());
    }
  }

  /** DESTROY: turns free persistent volumes back into reserved disk. */
  public void destroyVolumes(List<Resource> volumes) {
    List<Resource> normalized = volumes.stream().map(AgentResources::normalize).toList();
    for (Resource v : normalized) {
      ReservedSlice s = findSlice(v);
      if (s == null || s.free + EPSILON < s.total) {
        throw new IllegalArgumentException("DESTROY: volume is unknown or in use");
      }
    }
    for (Resource v : normalized) {
      ReservedSlice s = findSlice(v);
      reserved.remove(s);
      addSlice(withoutVolume(v), s.total);
    }
  }

  private void addSlice(Resource r, double amount) {
    ReservedSlice existing = findSlice(r);
    if (existing != null) {
      existing.total += amount;
      existing.free += amount;
      return;
    }
    if (reserved == null) {
      reserved = new ArrayList<>(2);
    }
    reserved.add(new ReservedSlice(shapeOf(r), amount));
  }

  private void takeFromSlice(ReservedSlice s, double amount) {
    s.total -= amount;
    s.free -= amount;
    if (s.total <= EPSILON) {
      reserved.remove(s);
    }
  }

  private ReservedSlice findSlice(Resource r) {
    if (reserved == null) {
      return null;
    }
    Resource shape = shapeOf(r);
    for (ReservedSlice s : reserved) {
      if (s.shape.equals(shape)) {
        return s;
      }
    }
    return null;
  }

  private static Resource withoutVolume(Resource v) {
    Resource.Builder b = v.toBuilder();
    Resource.DiskInfo.Builder disk = b.getDiskBuilder().clearPersistence().clearVolume();
    if (disk.build().equals(Resource.DiskInfo.getDefaultInstance())) {
      b.clearDisk();
    }
    return b.build();
  }

  private static Resource shapeOf(Resource r) {
    return r.toBuilder().clearScalar().clearAllocationInfo().setType(Value.Type.SCALAR).build();
  }

  private static Value.Scalar scalar(double v) {
    return Value.Scalar.newBuilder().setValue(Math.round(v * 1000) / 1000.0).build();
  }

  private static void addScalar(List<Resource> out, String name, double value,
                                Resource.AllocationInfo alloc, boolean refinement) {
    if (value <= EPSILON) {
      return;
    }
    Resource.Builder b = Resource.newBuilder().setName(name).setType(Value.Type.SCALAR).setScalar(scalar(value));
    if (alloc != null) {
      b.setAllocationInfo(alloc);
    }
    if (!refinement) {
      b.setRole("*");
    }
    out.add(b.build());
  }

  /** The role a resource is reserved for, or "*" when unreserved. */
  public static String reservedRole(Resource r) {
    if (r.getReservationsCount() > 0) {
      return r.getReservations(r.getReservationsCount() - 1).getRole();
    }
    return r.hasRole() ? r.getRole() : "*";
  }

  /** Converts pre-refinement ({@code role} + {@code reservation}) resources to the {@code reservations[]} form. */
  public static Resource normalize(Resource r) {
    Resource.Builder b = r.toBuilder().clearAllocationInfo();
    if (r.getReservationsCount() == 0 && r.hasRole() && !r.getRole().equals("*")) {
      Resource.ReservationInfo.Builder info = Resource.ReservationInfo.newBuilder().setRole(r.getRole())
          .setType(r.hasReservation() ? Resource.ReservationInfo.Type.DYNAMIC : Resource.ReservationInfo.Type.STATIC);
      if (r.getReservation().hasPrincipal()) {
        info.setPrincipal(r.getReservation().getPrincipal());
      }
      if (r.getReservation().hasLabels()) {
        info.setLabels(r.getReservation().getLabels());
      }
      b.addReservations(info);
    }
    b.clearRole().clearReservation();
    return b.build();
  }

  /** Converts a post-refinement resource to the format for frameworks without RESERVATION_REFINEMENT. */
  public static Resource toPreRefinement(Resource r) {
    Resource.Builder b = r.toBuilder();
    if (r.getReservationsCount() == 0) {
      return b.setRole("*").build();
    }
    Resource.ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
    b.clearReservations().setRole(last.getRole());
    if (last.getType() == Resource.ReservationInfo.Type.DYNAMIC) {
      Resource.ReservationInfo.Builder info = Resource.ReservationInfo.newBuilder();
      if (last.hasPrincipal()) {
        info.setPrincipal(last.getPrincipal());
      }
      if (last.hasLabels()) {
        info.setLabels(last.getLabels());
      }
      b.setReservation(info);
    }
    return b.build();
  }
}
