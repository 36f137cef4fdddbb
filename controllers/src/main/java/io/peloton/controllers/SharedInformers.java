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
import io.peloton.client.informer.InformerSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The informers the controllers read, taken from the process's {@link InformerSet}, with the
 * indexes they use: Tasks by {@code ns/job} ({@link #TASKS_BY_JOB}) and by host
 * ({@link #TASKS_BY_HOST}), Jobs by pool path ({@link #JOBS_BY_POOL}).
 */
public record SharedInformers(InformerSet set, Informer<Job> jobs, Informer<Task> tasks,
    Informer<Host> hosts, Informer<ResourcePool> pools, Informer<HostMaintenance> maintenances) {

  public static final String TASKS_BY_JOB = "job";
  public static final String TASKS_BY_HOST = "host";
  public static final String JOBS_BY_POOL = "pool";

  /** The controllers' informers within {@code set}, with their indexes added. */
  public static SharedInformers in(InformerSet set) {
    Informer<Task> tasks = set.of(Task.class)
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
    Informer<Job> jobs = set.of(Job.class)
        .addIndex(JOBS_BY_POOL, j -> j.spec() == null || j.spec().respool() == null ? List.of()
            : List.of(j.spec().respool()));
    return new SharedInformers(set, jobs, tasks, set.of(Host.class), set.of(ResourcePool.class),
        set.of(HostMaintenance.class));
  }

  /** A set of its own for controllers running alone in a process. */
  public static InformerSet ownSet(ApiClient api, Duration resync, MeterRegistry registry) {
    return new InformerSet(api, InformerConfig.defaults().withResyncPeriod(resync), registry);
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
    set.start();
  }

  /** Waits for every informer's first list; false when one did not finish in time. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return set.awaitSynced(timeout);
  }
}
