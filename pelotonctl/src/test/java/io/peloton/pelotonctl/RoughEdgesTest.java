package io.peloton.pelotonctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.job.Job;
import io.peloton.apiserver.testing.ManualClock;
import io.peloton.client.ApiClient;
import io.peloton.client.ListOptions;
import io.peloton.pelotonctl.CliHarness.Result;
import io.peloton.pelotonctl.output.KindColumns;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pelotonctl's rough edges a new user meets in the first hour, against a real API server. */
class RoughEdgesTest {
  @TempDir
  static Path tmp;
  static CliHarness cli;
  static ApiClient client;

  @BeforeAll
  static void start() {
    cli = new CliHarness(tmp);
    client = new ApiClient(cli.url(), null);
    Result applied = cli.run("apply", "-f", CliHarness.manifests().toString());
    assertEquals(0, applied.code(), applied::toString);
  }

  @AfterAll
  static void stop() {
    cli.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"get --help", "job --help", "job create --help", "host maintenance -h",
      "logs --help", "task logs --help", "job stop --help"})
  void everyCommandHasHelp(String line) {
    Result r = cli.run(line.split(" "));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Usage: pelotonctl " + line.replaceAll(" -(-help|h)$", "")),
        r::toString);
    assertEquals("", r.err());
  }

  @Test
  void anErrorPointsToHelpThatWorks() {
    Result missing = cli.run("get");
    assertEquals(2, missing.code());
    assertTrue(missing.err().endsWith("See 'pelotonctl get --help' for usage.\n"),
        missing::toString);
    assertEquals(0, cli.run("get", "--help").code());
  }

  @Test
  void diffRightAfterApplyIsCleanEvenWhenTheServerReordersKeys() {
    // a controller writing the Job back (as the job controller does to add its finalizer)
    // serializes the spec in the record's field order, not the manifest's
    for (ObjectNode j : client.list(ResourceTypes.JOB, "default", ListOptions.all()).items()) {
      // a change the server must write (an unchanged object is not written again)
      ((ObjectNode) j.get("metadata")).putArray("finalizers").add("peloton.io/tasks");
      Job typed = ApiClient.as(j, Job.class);
      client.update(ResourceTypes.JOB, ApiClient.tree(typed));
    }
    Result diff = cli.run("diff", "-f", CliHarness.manifests().toString());
    assertEquals(0, diff.code(), diff::toString);
    assertEquals("", diff.out());
  }

  @Test
  void commaSeparatedKindsAndShortNames() {
    Result r = cli.run("get", "jobs,rp");
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("NAME "), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("job.peloton.io/")), r::toString);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("resourcepool.peloton.io/batch ")),
        r::toString);
    assertTrue(lines.contains(""), "tables are separated by a blank line: " + r);
    for (String shortName : List.of("jb", "rp", "tk", "ho", "hm", "ev", "respool", "job")) {
      assertEquals(0, cli.run("get", shortName).code(), shortName);
    }
    Result watchTwo = cli.run("get", "jobs,rp", "-w");
    assertEquals(2, watchTwo.code(), watchTwo::toString);
    assertEquals("error: -w/--watch takes one kind at a time, not jobs,rp\n"
        + "See 'pelotonctl get --help' for usage.\n", watchTwo.err());
  }

  @Test
  void watchOfAMissingNamePrintsTheErrorAndNoHeader() {
    Result r = cli.run("get", "job", "nosuch", "-w");
    assertEquals(1, r.code(), r::toString);
    assertEquals("", r.out());
    assertEquals("Error from server (NotFound): jobs.peloton.io \"nosuch\" not found\n", r.err());
  }

  @Test
  void ageIsReadForEveryRow() {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:10Z"));
    ObjectNode job = Codecs.json().createObjectNode();
    job.putObject("metadata").put("name", "w").put("creationTimestamp", "2026-01-01T00:00:00Z");
    var cols = KindColumns.of(ResourceTypes.JOB, false, false, clock);
    List<String> first = KindColumns.row(cols, job);
    clock.set(Instant.parse("2026-01-01T00:05:00Z"));
    List<String> later = KindColumns.row(cols, job);
    assertEquals("10s", first.get(first.size() - 1));
    assertEquals("5m", later.get(later.size() - 1));
  }

  @Test
  void hostMaintenanceTableShowsProgressAndBlockers() throws Exception {
    ObjectNode hm = Codecs.json().createObjectNode();
    hm.put("apiVersion", "peloton.io/v1").put("kind", "HostMaintenance");
    hm.putObject("metadata").put("name", "m1");
    hm.putObject("spec").putArray("hosts").add("h1").add("h2");
    client.create(ResourceTypes.HOST_MAINTENANCE, null, hm);
    ObjectNode live = client.get(ResourceTypes.HOST_MAINTENANCE, null, "m1");
    live.set("status", Codecs.json().readTree("""
        {"hosts": [
          {"host": "h1", "state": "DRAINING", "tasksRemaining": 3,
           "blockedBy": "job web: maximumUnavailableInstances 1 reached"},
          {"host": "h2", "state": "DOWN", "tasksRemaining": 0}]}"""));
    client.updateStatus(ResourceTypes.HOST_MAINTENANCE, live);
    Result r = cli.run("get", "hm", "m1");
    assertEquals(0, r.code(), r::toString);
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("NAME +HOSTS +COMPLETE +PROGRESS +TASKS-LEFT +AGE +BLOCKED-BY"),
        r::toString);
    assertTrue(lines.get(1).matches("m1 +h1,h2 +false +h1=DRAINING,h2=DOWN +3 +\\S+ +h1: job web: "
        + "maximumUnavailableInstances 1 reached"), r::toString);
  }

  @Test
  void oneTaskShowsOneStateInEveryView() {
    ObjectNode task = Codecs.json().createObjectNode();
    task.put("apiVersion", "peloton.io/v1").put("kind", "Task");
    task.putObject("metadata").put("name", "onestate-0").put("namespace", "default");
    ObjectNode spec = task.putObject("spec");
    spec.put("job", "onestate").put("instance", 0).put("goalState", "RUNNING")
        .put("respool", "/batch");
    spec.putObject("config").putObject("resource").put("cpuLimit", 1).put("memLimitMb", 1);
    ((ObjectNode) spec.get("config")).putObject("command").put("value", "true");
    client.create(ResourceTypes.TASK, "default", task);
    ObjectNode job = Codecs.json().createObjectNode();
    job.put("apiVersion", "peloton.io/v1").put("kind", "Job");
    job.putObject("metadata").put("name", "onestate");
    job.putObject("spec").put("respool", "/batch").put("instanceCount", 1)
        .putObject("defaultConfig").putObject("resource").put("cpuLimit", 1)
        .put("memLimitMb", 1);
    ((ObjectNode) job.at("/spec/defaultConfig")).putObject("command").put("value", "true");
    client.create(ResourceTypes.JOB, "default", job);

    String get = cli.run("get", "tasks", "onestate-0").out().lines().toList().get(1);
    assertTrue(get.matches("onestate-0 +onestate +PENDING +.*"), get);
    String list = cli.run("task", "list", "onestate").out().lines().toList().get(1);
    assertTrue(list.matches(".*\\|\\s*PENDING\\|.*"), list);
    Result describe = cli.run("describe", "task", "onestate-0");
    assertTrue(describe.out().contains("\nState:        PENDING\n"), describe::toString);
    Result describeJob = cli.run("describe", "job", "onestate");
    assertTrue(describeJob.out().contains("\nTasks:        1 PENDING\n"), describeJob::toString);
    assertFalse(describeJob.out().contains("INITIALIZED"), describeJob::toString);
  }
}
