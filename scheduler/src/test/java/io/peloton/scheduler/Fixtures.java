package io.peloton.scheduler;

import io.peloton.scheduler.model.Host;
import io.peloton.scheduler.model.HostState;
import io.peloton.scheduler.model.PoolResource;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ResourceKind;
import io.peloton.scheduler.model.Resources;
import java.util.EnumMap;
import java.util.Map;

/** Small builders shared by the scheduler tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A pool with the same reservation/limit/share for cpu and memory and nothing else. */
  public static PoolSpec cpuPool(String path, double reservation, double limit, double share) {
    Map<ResourceKind, PoolResource> r = new EnumMap<>(ResourceKind.class);
    r.put(ResourceKind.CPU, PoolResource.elastic(reservation, limit, share));
    return PoolSpec.of(path, r);
  }

  /** A pool generous in every kind except the cpu settings given. */
  public static PoolSpec roomyPool(String path, double cpuReservation, double cpuLimit) {
    Map<ResourceKind, PoolResource> r = new EnumMap<>(ResourceKind.class);
    r.put(ResourceKind.CPU, PoolResource.elastic(cpuReservation, cpuLimit, 1));
    r.put(ResourceKind.MEMORY, PoolResource.elastic(1e6, 1e9, 1));
    r.put(ResourceKind.DISK, PoolResource.elastic(1e6, 1e9, 1));
    r.put(ResourceKind.GPU, PoolResource.elastic(0, 1e6, 1));
    return PoolSpec.of(path, r);
  }

  public static Host host(String name, double cpu, double memMb) {
    return new Host(name, HostState.UP, false, Resources.of(cpu, memMb, 100_000, 0), 100, 0, Map.of());
  }

  public static Host host(String name, double cpu, double memMb, Map<String, String> attributes) {
    return new Host(name, HostState.UP, false, Resources.of(cpu, memMb, 100_000, 0), 100, 0, attributes);
  }

  public static Host gpuHost(String name, double cpu, double memMb, double gpus) {
    return new Host(name, HostState.UP, false, Resources.of(cpu, memMb, 100_000, gpus), 100, 0, Map.of());
  }
}
