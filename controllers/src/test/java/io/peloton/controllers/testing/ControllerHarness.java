package io.peloton.controllers.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.codec.Codecs;
import io.peloton.api.event.Event;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostSpec;
import io.peloton.api.host.HostState;
import io.peloton.api.job.Job;
import io.peloton.api.job.JobSpec;
import io.peloton.api.job.Sla;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.pool.ResourcePoolSpec;
import io.peloton.api.pool.ResourcePoolSpec.PoolResource;
import io.peloton.api.resource.ResourceKind;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.api.taskconfig.Command;
import io.peloton.api.taskconfig.RestartPolicy;
import io.peloton.api.taskconfig.TaskConfig;
import io.peloton.api.taskconfig.TaskResources;
import io.peloton.api.time.Rfc3339;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.ListOptions;
import io.peloton.client.TypedClient;
import io.peloton.controllers.ControllerConfig;
import io.peloton.controllers.Controllers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real API server over SQLite plus the controllers, with the test standing in for the
 * scheduler and the Mesos bridge by writing Task and Host fields as the lifecycle contract says.
 */
public final class ControllerHarness implements AutoCloseable {
  public static final String NS = "default";
  public static final Duration WAIT = Duration.ofSeconds(90);

  private final ApiServer server;
  private final ApiClient api;
  private final ControllerConfig config;
  private Controllers manager;
  public final TypedClient<Job> jobs;
  public final TypedClient<Task> tasks;
  public final TypedClient<Host> hosts;
  public final TypedClient<ResourcePool> pools;
  public final TypedClient<Event> events;

  public ControllerHarness(Path dir, ControllerConfig config) {
    this.server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("s.db"), 0));
    this.api = new ApiClient(server.url(), null);
    this.config = config;
    this.jobs = api.typed(Job.class);
    this.tasks = api.typed(Task.class);
    this.hosts = api.typed(Host.class);
    this.pools = api.typed(ResourcePool.class);
    this.events = api.typed(Event.class);
    startControllers();
  }

  /** Short backoffs and resyncs so tests never wait long. */
  public static ControllerConfig testConfig() {
    return ControllerConfig.defaults().withWorkers(2)
        .withRestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(30))
        .withResyncPeriod(Duration.ofSeconds(30));
  }

  public ApiClient api() {
    return api;
  }

  public Controllers manager() {
    return manager;
  }

  public void startControllers() {
    manager = Controllers.start(api, config);
  }

  public void stopControllers() {
    manager.close();
  }

  // ---- objects ----

  public ResourcePool pool(String name, String parent, double cpuReservation, double cpuLimit) {
    // memory and disk a job may use (a kind the pool leaves out allows nothing)
    ResourcePoolSpec spec = new ResourcePoolSpec(parent, List.of(new PoolResource(
        ResourceKind.CPU, cpuReservation, cpuLimit, 1.0, null),
        new PoolResource(ResourceKind.MEMORY, 0.0, 1e6, 1.0, null),
        new PoolResource(ResourceKind.DISK, 0.0, 1e6, 1.0, null)), null, null, null, null, null,
        null);
    return pools.create(new ResourcePool(ApiObject.API_VERSION, "ResourcePool",
        ObjectMeta.named(name), spec, null));
  }

  public static TaskConfig config(Integer maxFailures) {
    return new TaskConfig("task", null, new TaskResources(0.5, 64.0, null, null, null),
        new Command("sleep 10", true, null, null, null, null), null, null, null, null,
        maxFailures == null ? null : new RestartPolicy(maxFailures), null, null, null, null,
        null, null);
  }

  public static JobSpec spec(JobSpec.JobType type, Integer count, Sla sla, TaskConfig config,
      String pool) {
    return new JobSpec(type, pool, count, sla, config, null, null, null, null, null, null, null);
  }

  public Job job(String name, JobSpec spec) {
    return jobs.create(new Job(ApiObject.API_VERSION, "Job", ObjectMeta.named(NS, name), spec,
        null));
  }

  public Host host(String name, HostState state) {
    hosts.create(new Host(ApiObject.API_VERSION, "Host", ObjectMeta.named(name),
        new HostSpec(false, HostSpec.MaintenanceMode.NONE), null));
    return hostState(name, state);
  }

  /** As the bridge: the host's observed state. */
  public Host hostState(String name, HostState state) {
    ObjectNode patch = Codecs.json().createObjectNode();
    patch.putObject("status").put("state", state.name()).put("hostname", name);
    return hosts.patch(null, name, patch, true);
  }

  public Task task(String job, int instance) {
    return tasks.get(NS, Task.nameOf(job, instance));
  }

  public Task taskOrNull(String job, int instance) {
    try {
      return task(job, instance);
    } catch (ApiError e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
  }

  public List<Task> tasksOf(String job) {
    return tasks.listAll(NS, ListOptions.all().withLabelSelector("peloton.io/job=" + job)).items();
  }

  public Job job(String name) {
    return jobs.get(NS, name);
  }

  public Job jobOrNull(String name) {
    try {
      return job(name);
    } catch (ApiError e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
  }

  // ---- standing in for the scheduler and the bridge ----

  /** As the scheduler: binds the task's current run to a host. */
  public Task bind(String job, int instance, String host) {
    ObjectNode patch = Codecs.json().createObjectNode();
    patch.putObject("spec").put("host", host);
    return tasks.patch(NS, Task.nameOf(job, instance), patch, false);
  }

  /** As the bridge: reports the task's current run (spec.runId) in a state on its bound host. */
  public Task report(String job, int instance, TaskState state) {
    Task t = task(job, instance);
    return reportRun(job, instance, t.spec().runId(), state, t.spec().host());
  }

  /** As the bridge: reports one run's state. */
  public Task reportRun(String job, int instance, int runId, TaskState state, String host) {
    ObjectNode patch = Codecs.json().createObjectNode();
    ObjectNode status = patch.putObject("status");
    status.put("runId", runId).put("state", state.name())
        .put("mesosTaskId", job + "-" + instance + "-" + runId);
    if (host != null) {
      status.put("host", host);
    }
    String now = Rfc3339.format(Instant.now());
    if (state == TaskState.RUNNING) {
      status.put("startTime", now);
    }
    if (state.isTerminal()) {
      status.put("completionTime", now);
    }
    return tasks.patch(NS, Task.nameOf(job, instance), patch, true);
  }

  /** Binds and reports RUNNING: the run is live on the host. */
  public Task runOn(String job, int instance, String host) {
    bind(job, instance, host);
    return report(job, instance, TaskState.RUNNING);
  }

  public List<Event> eventsAbout(String name) {
    return events.listAll(null, ListOptions.all()).items().stream()
        .filter(e -> e.involvedObject() != null && name.equals(e.involvedObject().name()))
        .toList();
  }

  public boolean hasEvent(String name, String reason) {
    return eventsAbout(name).stream().anyMatch(e -> reason.equals(e.reason()));
  }

  public static Map<String, String> annotations(Task t) {
    return t.metadata().annotations() == null ? Map.of() : t.metadata().annotations();
  }

  @Override
  public void close() {
    try {
      manager.close();
    } finally {
      server.close();
    }
  }
}
