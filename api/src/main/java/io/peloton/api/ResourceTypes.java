package io.peloton.api;

import io.peloton.api.event.Event;
import io.peloton.api.host.Host;
import io.peloton.api.job.Job;
import io.peloton.api.lease.Lease;
import io.peloton.api.maintenance.HostMaintenance;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.task.Task;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The registry of every kind the API serves. */
public final class ResourceTypes {
  public static final ResourceType RESOURCE_POOL = new ResourceType(
      "ResourcePool", "resourcepools", "resourcepool", List.of("rp", "respool"), false, true,
      ResourcePool.class);
  public static final ResourceType JOB = new ResourceType(
      "Job", "jobs", "job", List.of("jb"), true, true, Job.class);
  public static final ResourceType TASK = new ResourceType(
      "Task", "tasks", "task", List.of("tk"), true, true, Task.class);
  public static final ResourceType HOST = new ResourceType(
      "Host", "hosts", "host", List.of("ho"), false, true, Host.class);
  public static final ResourceType HOST_MAINTENANCE = new ResourceType(
      "HostMaintenance", "hostmaintenances", "hostmaintenance", List.of("hm"), false, true,
      HostMaintenance.class);
  public static final ResourceType EVENT = new ResourceType(
      "Event", "events", "event", List.of("ev"), true, false, Event.class);
  public static final ResourceType LEASE = new ResourceType(
      "Lease", "leases", "lease", List.of(), false, false, Lease.class);

  public static final List<ResourceType> ALL =
      List.of(RESOURCE_POOL, JOB, TASK, HOST, HOST_MAINTENANCE, EVENT, LEASE);

  private ResourceTypes() {}

  // looked up for every stored key the watch cache applies: a map, not a scan
  private static final Map<String, ResourceType> BY_PLURAL =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ResourceType::plural, t -> t));
  private static final Map<String, ResourceType> BY_KIND =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ResourceType::kind, t -> t));

  public static Optional<ResourceType> byPlural(String plural) {
    return Optional.ofNullable(plural == null ? null : BY_PLURAL.get(plural));
  }

  public static Optional<ResourceType> byKind(String kind) {
    return Optional.ofNullable(kind == null ? null : BY_KIND.get(kind));
  }

  /** Resolves what a user typed (kind, plural, singular or short name, any case). */
  public static Optional<ResourceType> resolve(String word) {
    return ALL.stream().filter(t -> t.isNamedBy(word)).findFirst();
  }
}
