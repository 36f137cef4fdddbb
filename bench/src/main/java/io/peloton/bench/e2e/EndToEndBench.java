package io.peloton.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.host.Host;
import io.peloton.api.host.HostState;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.bench.e2e.TaskProgress.Stage;
import io.peloton.bench.support.HeapHistogram;
import io.peloton.bench.support.HeapProbe;
import io.peloton.bench.support.JsonLine;
import io.peloton.bench.support.ScratchDirectory;
import io.peloton.bench.support.Percentiles;
import io.peloton.bridge.BridgeConfig;
import io.peloton.bridge.BridgeSession;
import io.peloton.bridge.MesosBridge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peloton.client.ApiClient;
import io.peloton.client.informer.InformerConfig;
import io.peloton.client.informer.InformerSet;
import io.peloton.controllers.ControllerConfig;
import io.peloton.controllers.Controllers;
import io.peloton.scheduler.service.SchedulerService;
import io.peloton.scheduler.service.SchedulerServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peloton bench e2e}: the whole control plane (API server, controllers, scheduler, Mesos
 * bridge) in this JVM and a simulated Mesos cluster in a child JVM; one batch Job of short tasks
 * from {@code create} to all RUNNING and all SUCCEEDED, per-task start latency, and the control
 * plane's heap per task.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
    description = "End to end: one batch job of N short tasks on simulated agents; time to all"
        + " RUNNING and all SUCCEEDED, start latency, control-plane heap per task; last line is JSON.")
public final class EndToEndBench implements Callable<Integer> {
  private static final String JOB = "e2e";
  private static final String WARMUP_JOB = "warmup";
  private static final String NAMESPACE = "default";
  /** Each generated agent of {@code mesos-sim --agents N}. */
  private static final double AGENT_CPUS = 8;
  private static final double AGENT_MEM_MB = 16384;
  private static final double AGENT_DISK_MB = 100_000;
  /** Each task's resources: ten fit on an agent several times over. */
  private static final double TASK_CPUS = 0.1;
  private static final int TASK_MEM_MB = 32;
  private static final int TASK_DISK_MB = 16;

  @Option(names = "--tasks", defaultValue = "10000", description = "Instances of the job (default ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--agents", defaultValue = "1000", description = "Simulated agents (default ${DEFAULT-VALUE}).")
  int agents;

  @Option(names = "--task-seconds", defaultValue = "10", description = "How long each task runs (default ${DEFAULT-VALUE}).")
  int taskSeconds;

  @Option(names = "--store", description = "sqlite:FILE or etcd://HOST:PORT (default: a fresh temporary SQLite file;"
      + " an etcd store must be empty).")
  String store;

  @Option(names = "--timeout", defaultValue = "600",
      description = "Seconds from create until every task must have SUCCEEDED (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--warmup-tasks", defaultValue = "2000",
      description = "Instances of a 1-second job run to completion and deleted before the measured"
          + " job, so the JVMs are warm as in a running cluster; 0 measures a cold start"
          + " (default ${DEFAULT-VALUE}).")
  int warmupTasks;

  @Option(names = "--then", defaultValue = "none",
      description = "Once every task RUNS (not waiting for them to succeed): 'stop' or 'delete'"
          + " the job as a user would, and time it until every task is killed or gone; use a long"
          + " --task-seconds (default ${DEFAULT-VALUE}).")
  String then;

  @Option(names = "--histogram", defaultValue = "0",
      description = "Print this many classes of the heap histogram (stderr) at the heap measurement"
          + " (default ${DEFAULT-VALUE}).")
  int histogramRows;

  // fields, not locals, so that a stopped component is garbage (the heap breakdown needs that)
  private SimulatedClusterProcess sim;
  private ApiServer server;
  private Controllers controllers;
  private InformerSet informers;
  private SchedulerService scheduler;
  private MesosBridge bridge;

  /** One row per second after create: seconds, then the count per stage. */
  private final List<List<Object>> timeline = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (tasks < 1 || agents < 1 || taskSeconds < 0 || timeoutSeconds < 1) {
      System.err.println("--tasks, --agents and --timeout must be >= 1, --task-seconds >= 0");
      return 2;
    }
    if (!List.of("none", "stop", "delete").contains(then)) {
      System.err.println("--then: expected none, stop or delete, got '" + then + "'");
      return 2;
    }
    if (store != null && !store.startsWith("sqlite:") && !store.startsWith("etcd://")) {
      System.err.println("--store: expected sqlite:FILE or etcd://HOST:PORT, got '" + store + "'");
      return 2;
    }
    Path workDir = Files.createTempDirectory("peloton-bench-e2e");
    String url = store != null ? store : "sqlite:" + workDir.resolve("e2e.db");
    String storeKind = url.startsWith("etcd://") ? "etcd" : "sqlite";
    TaskProgress progress = new TaskProgress(JOB, tasks);
    JsonLine result = new JsonLine().put("tasks", tasks).put("agents", agents)
        .put("task_seconds", taskSeconds).put("store", storeKind)
        .put("warmup_tasks", warmupTasks);
    long[] heap = new long[2]; // baseline, with every task
    boolean complete;
    long t0;
    List<String> breakdown = new ArrayList<>();
    try {
      sim = SimulatedClusterProcess.start(agents, workDir, Duration.ofMinutes(2));
      System.err.printf("simulated cluster: %d agents at %s (pid %d, log %s)%n", agents, sim.url(),
          sim.pid(), sim.log());
      server = ApiServer.start(ApiServerConfig.defaults(url, 0));
      ApiClient api = new ApiClient(server.url(), null, Duration.ofSeconds(60));
      // as in peloton up: one informer per kind, shared by the three components
      ControllerConfig controllerConfig = ControllerConfig.defaults();
      MeterRegistry registry = new SimpleMeterRegistry();
      informers = new InformerSet(api,
          InformerConfig.defaults().withResyncPeriod(controllerConfig.resyncPeriod()), registry);
      controllers = Controllers.start(api, controllerConfig, registry, informers);
      scheduler = SchedulerService.start(api, SchedulerServiceConfig.defaults("bench-e2e"),
          registry, informers);
      bridge = MesosBridge.start(api, BridgeConfig.defaults(sim.url(), "bench-e2e"), registry,
          informers);
      createPool(api);
      await("every agent's Host UP, scheduler and bridge leading", Duration.ofMinutes(3), () ->
          upHosts(controllers) >= agents && scheduler.isLeader() && bridge.isLeader());
      System.err.printf("control plane up on %s (store %s): %d Hosts UP%n", server.url(), url,
          upHosts(controllers));

      if (warmupTasks > 0) {
        warmUp(api);
      }
      controllers.informers().tasks().addHandler(progress);
      heap[0] = HeapProbe.usedAfterGc();
      System.err.printf("baseline heap after GC: %.1f MiB%n", heap[0] / 1048576.0);

      t0 = System.nanoTime();
      api.create(ResourceTypes.JOB, NAMESPACE, jobJson(JOB, tasks, taskSeconds));
      complete = watch(progress, t0);
      // tasks a loaded machine lost on the way still count: the job has them all as objects
      if (!"none".equals(then) && progress.all(Stage.CREATED)) {
        new Teardown(api, controllers.informers().tasks(), NAMESPACE, JOB, tasks)
            .run(then, Duration.ofSeconds(timeoutSeconds), result);
      } else if (progress.all(Stage.CREATED)) {
        // every Task still exists (no TTL removes finished Jobs): this is the cost of holding them
        heap[1] = HeapProbe.usedAfterGc();
        System.err.printf("heap after GC with %d tasks (%d in the controllers' cache): %.1f MiB%n",
            tasks, controllers.informers().tasks().cache().size(), heap[1] / 1048576.0);
        if (histogramRows > 0) {
          System.err.print(HeapHistogram.top(histogramRows));
        }
        // where it goes: what each component frees when it stops (approximate)
        long before = heap[1];
        bridge.close();
        bridge = null;
        before = freed("bridge", before, breakdown);
        scheduler.close();
        scheduler = null;
        before = freed("scheduler", before, breakdown);
        controllers.close();
        controllers = null;
        before = freed("controllers", before, breakdown);
        informers.close();
        informers = null;
        before = freed("shared_informers", before, breakdown);
        breakdown.add("apiserver_and_rest=" + (before - heap[0]) / tasks);
      }
    } catch (IllegalStateException | IllegalArgumentException | IOException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    } finally {
      closeQuietly(bridge);
      closeQuietly(scheduler);
      closeQuietly(controllers);
      closeQuietly(informers);
      closeQuietly(server);
      closeQuietly(sim);
    }

    Percentiles fromCreate = progress.sinceT0(Stage.RUNNING, t0);
    Percentiles fromTask = progress.between(Stage.CREATED, Stage.RUNNING);
    result.put("all_running_s", progress.allSeconds(Stage.RUNNING, t0))
        .put("all_succeeded_s", progress.allSeconds(Stage.SUCCEEDED, t0))
        .put("start_latency_p50_ms", fromCreate.percentile(50))
        .put("start_latency_p99_ms", fromCreate.percentile(99))
        .put("heap_bytes_per_task", heap[1] == 0 ? null : (heap[1] - heap[0]) / tasks)
        .put("all_created_s", progress.allSeconds(Stage.CREATED, t0))
        .put("all_bound_s", progress.allSeconds(Stage.BOUND, t0))
        .put("all_launched_s", progress.allSeconds(Stage.LAUNCHED, t0))
        .put("task_created_to_running_p50_ms", fromTask.percentile(50))
        .put("task_created_to_running_p99_ms", fromTask.percentile(99))
        .put("heap_baseline_mb", heap[0] / 1048576.0)
        .put("heap_with_tasks_mb", heap[1] == 0 ? null : heap[1] / 1048576.0)
        .put("heap_bytes_per_task_by_component", String.join(" ", breakdown))
        .put("reached", new JsonLine().put("created", progress.reached(Stage.CREATED))
            .put("bound", progress.reached(Stage.BOUND))
            .put("launched", progress.reached(Stage.LAUNCHED))
            .put("running", progress.reached(Stage.RUNNING))
            .put("succeeded", progress.reached(Stage.SUCCEEDED)).put("failed", progress.failed()))
        .put("timeline_columns", "s,created,bound,launched,running,succeeded")
        .put("timeline", timeline)
        .put("targets", "all_running_s<=15 all_succeeded_s<=30 (10 s tasks) heap_bytes_per_task<=3072")
        .put("notes", "control plane (API server, controllers, scheduler, Mesos bridge) in this JVM,"
            + " default configs as in peloton up; mesos-sim --executor simulated in a child JVM"
            + " (tasks run 'sleep " + taskSeconds + "'). Before it, a warm-up job of "
            + warmupTasks + " 1-second tasks runs and is deleted (--warmup-tasks; 0 = cold"
            + " JVMs). t0 = just before the Job create call."
            + " A stage's time is when the controllers' Task informer first delivered the task in"
            + " that stage (a later stage implies the earlier ones). all_*_s = last task's time - t0."
            + " start_latency = first RUNNING - t0, per task; task_created_to_running = first"
            + " RUNNING - first seen as an object, per task. heap_bytes_per_task = (heap used after"
            + " full GCs once every task SUCCEEDED, all Tasks still stored - the same after start-up"
            + " with Hosts and pool, before create) / tasks; it includes the API server's watch"
            + " cache (objects plus its window of recent changes) and the one Task cache the"
            + " controllers, scheduler and bridge share. heap_bytes_per_task_by_component = heap"
            + " freed by stopping each component, then the shared informers, per task"
            + " (approximate).");
    if (!complete) {
      System.err.printf("timed out after %d s: created %d, bound %d, launched %d, running %d,"
          + " succeeded %d, failed %d of %d%n", timeoutSeconds, progress.reached(Stage.CREATED),
          progress.reached(Stage.BOUND), progress.reached(Stage.LAUNCHED),
          progress.reached(Stage.RUNNING), progress.reached(Stage.SUCCEEDED), progress.failed(),
          tasks);
    }
    if (complete && store == null) {
      ScratchDirectory.deleteTree(workDir); // a 10,000-task store is a few hundred MB; a failed run keeps it and the log
    }
    // printed last, after everything is closed, so no log line can follow it
    System.out.println(result.put("complete", complete));
    return complete ? 0 : 1;
  }

  /**
   * Samples the stage counts every second until every task SUCCEEDED (true), some ended
   * otherwise and the rest succeeded, or the timeout (false).
   */
  private boolean watch(TaskProgress progress, long t0) throws InterruptedException {
    long deadline = t0 + Duration.ofSeconds(timeoutSeconds).toNanos();
    int second = 0;
    Stage until = "none".equals(then) ? Stage.SUCCEEDED : Stage.RUNNING;
    while (true) {
      long now = System.nanoTime();
      boolean done = progress.all(until)
          || progress.reached(until) + progress.failed() >= tasks;
      if (done || now > deadline || now - t0 >= (second + 1) * 1_000_000_000L) {
        second = (int) ((now - t0) / 1_000_000_000L);
        sample(progress, (now - t0) / 1e9, bridge.session());
      }
      if (done) {
        return progress.all(until);
      }
      if (now > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
  }

  private void sample(TaskProgress p, double seconds, BridgeSession session) {
    List<Object> row = new ArrayList<>(List.of(Math.round(seconds * 10) / 10.0));
    for (Stage s : Stage.values()) {
      row.add(p.reached(s));
    }
    timeline.add(row);
    String bridgeCounts = session == null || session.launcher() == null ? ""
        : String.format(Locale.ROOT, " | bridge: launched %d, status writes %d",
            session.launcher().launched(), session.recorder().written());
    System.err.printf(Locale.ROOT, "%6.1f s: created %d, bound %d, launched %d, running %d,"
            + " succeeded %d, failed %d%s%n", seconds, p.reached(Stage.CREATED),
        p.reached(Stage.BOUND), p.reached(Stage.LAUNCHED), p.reached(Stage.RUNNING),
        p.reached(Stage.SUCCEEDED), p.failed(), bridgeCounts);
  }

  /** Notes the heap a just-stopped component freed, per task; returns the heap now in use. */
  private long freed(String component, long before, List<String> out)
      throws InterruptedException {
    // a stopped component's threads (a watch read, a dispatcher) let go of it a moment later
    Thread.sleep(2000);
    long after = HeapProbe.usedAfterGc();
    out.add(component + "=" + (before - after) / tasks);
    return after;
  }

  private static long upHosts(Controllers controllers) {
    return controllers.informers().hosts().cache().list().stream()
        .map(Host::status).filter(st -> st != null && st.state() == HostState.UP).count();
  }

  /** One leaf pool at the top holding the whole cluster. */
  private void createPool(ApiClient api) throws IOException {
    api.create(ResourceTypes.RESOURCE_POOL, null, Codecs.json().readTree(String.format(Locale.ROOT, """
        {"apiVersion":"peloton.io/v1","kind":"ResourcePool","metadata":{"name":"bench"},
         "spec":{"parent":"/","resources":[
           {"kind":"cpu","reservation":%s,"limit":%s,"share":1},
           {"kind":"memory","reservation":%s,"limit":%s,"share":1},
           {"kind":"disk","reservation":%s,"limit":%s,"share":1},
           {"kind":"gpu","reservation":0,"limit":0,"share":1}]}}""",
        agents * AGENT_CPUS, agents * AGENT_CPUS, agents * AGENT_MEM_MB, agents * AGENT_MEM_MB,
        agents * AGENT_DISK_MB, agents * AGENT_DISK_MB)));
  }

  private static JsonNode jobJson(String name, int instances, int seconds) throws IOException {
    return Codecs.json().readTree(String.format(Locale.ROOT, """
        {"apiVersion":"peloton.io/v1","kind":"Job","metadata":{"name":"%s","namespace":"%s"},
         "spec":{"type":"BATCH","respool":"/bench","instanceCount":%d,
           "defaultConfig":{"resource":{"cpuLimit":%s,"memLimitMb":%d,"diskLimitMb":%d},
             "command":{"value":"sleep %d"}}}}""",
        name, NAMESPACE, instances, TASK_CPUS, TASK_MEM_MB, TASK_DISK_MB, seconds));
  }

  /**
   * Runs a short job through every component, then deletes it and waits until its Tasks are
   * gone: the measured job then meets code the JIT has compiled, as in a cluster that has been
   * running (cold, compilation takes about a third of the CPU in the first twenty seconds).
   */
  private void warmUp(ApiClient api) throws IOException, InterruptedException {
    TaskProgress warmup = new TaskProgress(WARMUP_JOB, warmupTasks);
    controllers.informers().tasks().addHandler(warmup);
    long t0 = System.nanoTime();
    api.create(ResourceTypes.JOB, NAMESPACE, jobJson(WARMUP_JOB, warmupTasks, 1));
    await("the warm-up job's tasks to succeed", Duration.ofMinutes(5),
        () -> warmup.all(Stage.SUCCEEDED));
    api.delete(ResourceTypes.JOB, NAMESPACE, WARMUP_JOB);
    await("the warm-up job's tasks to be deleted", Duration.ofMinutes(5),
        () -> controllers.informers().tasks().cache().size() == 0);
    controllers.informers().tasks().removeHandler(warmup);
    System.err.printf(Locale.ROOT, "warm-up: %d tasks ran in %.1f s and were deleted%n",
        warmupTasks, (System.nanoTime() - t0) / 1e9);
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for "
            + what);
      }
      Thread.sleep(100);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("closing: " + e.getMessage());
    }
  }
}
