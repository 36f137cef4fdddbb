package io.peloton.controllers;

import io.peloton.api.ApiObject;
import io.peloton.api.host.Host;
import io.peloton.api.job.Job;
import io.peloton.api.maintenance.HostMaintenance;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.task.Task;
import io.peloton.client.ApiClient;
import io.peloton.client.informer.Informer;
import io.peloton.client.informer.InformerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The informers all controllers share (one list/watch per kind), with the indexes they use:
 * Tasks by {@code ns/job} ({@link #TASKS_BY_JOB}) and by host ({@link #TASKS_BY_HOST}), Jobs by
 * pool path ({@link #JOBS_BY_POOL}).
 */
public record SharedInformers(Informer<Job> jobs, Informer<Task> tasks, Informer<Host> hosts,
    Informer<ResourcePool> pools, Informer<HostMaintenance> maintenances) implements AutoCloseable {

  public static final String TASKS_BY_JOB = "job";
  public static final String TASKS_BY_HOST = "host";
  public static final String JOBS_BY_POOL = "pool";

  public static SharedInformers create(ApiClient api, Duration resync, MeterRegistry registry) {
    InformerConfig cfg = InformerConfig.defaults().withResyncPeriod(resync);
    Informer<Task> tasks = new Informer<>(api.typed(Task.class), cfg, registry)
        .addIndex(TASKS_BY_JOB, t -> {
          String job = labelOf(t, WellKnownKeys.JOB_LABEL);
          return job == null ? List.of() : List.of(jobKey(t.metadata().namespace(), job));
        })
        .addIndex(TASKS_BY_HOST, t -> {
          // both the binding and the host a live run reports: either may hold the run
          java.util.Set<String> hosts = new java.util.HashSet<>();
          if (t.spec() != null && t.spec().host() != null) {
            hosts.add(t.spec().host());
          }
          if (t.status() != null && t.status().host() != null) {
            hosts.add(t.status().host());
          }
          return List.copyOf(hosts);
        });
    Informer<Job> jobs = new Informer<>(api.typed(Job.class), cfg, registry)
        .addIndex(JOBS_BY_POOL, j -> j.spec() == null || j.spec().respool() == null ? List.of()
            : List.of(j.spec().respool()));
    return new SharedInformers(jobs, tasks,
        new Informer<>(api.typed(Host.class), cfg, registry),
        new Informer<>(api.typed(ResourcePool.class), cfg, registry),
        new Informer<>(api.typed(HostMaintenance.class), cfg, registry));
  }

  /** The index value of a job: {@code ns/name}. */
  public static String jobKey(String namespace, String name) {
    return namespace + "/" + name;
  }

  static String labelOf(ApiObject o, String key) {
    Map<String, String> labels = o.metadata() == null ? null : o.metadata().labels();
    return labels == null ? null : labels.get(key);
  }

  public void start() {
    all().forEach(Informer::start);
  }

  /** Waits for every informer's first list; false when one did not finish in time. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (Informer<?> i : all()) {
      if (!i.awaitSynced(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  private List<Informer<?>> all() {
    return List.of(jobs, tasks, hosts, pools, maintenances);
  }

  @Override
  public void close() {
    all().forEach(Informer::close);
  }
}
