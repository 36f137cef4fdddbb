package io.peloton.scheduler.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.event.Event;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.task.Task;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.client.ApiClient;
import io.peloton.client.ListOptions;
import io.peloton.client.TypedClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A real in-process API server over SQLite plus builders for the objects a scheduler test needs: pools,
 * Hosts with the status the bridge would report, and Tasks as the job controller would create them.
 */
final class TestCluster implements AutoCloseable {
  static final String NS = "default";

  final ApiServer server;
  final ApiClient api;
  final TypedClient<Task> tasks;
  final TypedClient<ResourcePool> pools;
  final TypedClient<Event> events;

  TestCluster(Path dir) {
    server = ApiServer.start(ApiServerConfig.defaults("sqlite:" + dir.resolve("store.db"), 0)
        .withBookmarkInterval(Duration.ofMillis(500)));
    api = new ApiClient(server.url(), null, Duration.ofSeconds(30));
    tasks = TypedClient.of(api, Task.class);
    pools = TypedClient.of(api, ResourcePool.class);
    events = TypedClient.of(api, Event.class);
  }

  static JsonNode json(String text) {
    try {
      return Codecs.json().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A top-level pool with the given cpu limit (reservation 0, share 1) and room in every other kind. */
  void pool(String name, double cpuLimit) {
    api.create(ResourceTypes.RESOURCE_POOL, null, json(String.format(Locale.ROOT, """
        {"apiVersion":"peloton.io/v1","kind":"ResourcePool","metadata":{"name":"%s"},
         "spec":{"parent":"/","resources":[
           {"kind":"cpu","reservation":0,"limit":%s,"share":1},
           {"kind":"memory","reservation":0,"limit":1000000,"share":1},
           {"kind":"disk","reservation":0,"limit":1000000,"share":1},
           {"kind":"gpu","reservation":0,"limit":100,"share":1}]}}""", name, cpuLimit)));
  }

  /** A Host object and the UP status the bridge would write for it. */
  void host(String name, double cpu, double memMb, double gpu) {
    api.create(ResourceTypes.HOST, null, json("""
        {"apiVersion":"peloton.io/v1","kind":"Host","metadata":{"name":"%s"},
         "spec":{"unschedulable":false,"maintenance":"NONE"}}""".formatted(name)));
    String amounts = String.format(Locale.ROOT, "{\"cpu\":%s,\"memory\":%s,\"disk\":100000,\"gpu\":%s}",
        cpu, memMb, gpu);
    api.patch(ResourceTypes.HOST, null, name, json("""
        {"status":{"state":"UP","agentId":"agent-%s","hostname":"%s","capacity":%s,"allocatable":%s,
          "ports":[{"begin":31000,"end":31999}],"attributes":{"zone":"z1"}}}""".formatted(name, name, amounts,
        amounts)), true);
  }

  /** A pending Task as the job controller creates it: run 1, goal RUNNING, no host. */
  void task(String job, int instance, String respool, double cpu, double memMb, double gpu) {
    api.create(ResourceTypes.TASK, NS, json(String.format(Locale.ROOT, """
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"%s-%d","namespace":"%s",
           "labels":{"peloton.io/job":"%s","peloton.io/instance":"%d"}},
         "spec":{"job":"%s","instance":%d,"runId":1,"goalState":"RUNNING","respool":"%s","priority":0,
           "preemptible":true,
           "config":{"resource":{"cpuLimit":%s,"memLimitMb":%s,"diskLimitMb":10,"gpuLimit":%s},
             "command":{"value":"sleep 1000"}}}}""",
        job, instance, NS, job, instance, job, instance, respool, cpu, memMb, gpu)));
  }

  List<Task> allTasks() {
    return tasks.listAll(NS, ListOptions.all()).items();
  }

  Task task(String name) {
    return tasks.get(NS, name);
  }

  List<Event> eventsAbout(String taskName) {
    return events.listAll(NS, ListOptions.all()).items().stream()
        .filter(e -> e.involvedObject() != null && taskName.equals(e.involvedObject().name())).toList();
  }

  static ObjectNode object() {
    return Codecs.json().createObjectNode();
  }

  @Override
  public void close() {
    server.close();
  }
}
