package io.peloton.pelotonctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.peloton.pelotonctl.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubectl verbs against a real API server. */
class ApplyAndGetTest {
  @TempDir
  static Path tmp;
  static CliHarness cli;

  @BeforeAll
  static void start() {
    cli = new CliHarness(tmp);
  }

  @AfterAll
  static void stop() {
    cli.close();
  }

  private static final String POOL = """
      apiVersion: peloton.io/v1
      kind: ResourcePool
      metadata: {name: %s}
      spec:
        parent: /
        resources: [{kind: cpu, reservation: 4, limit: 8}, {kind: memory, limit: 4096}]
      """;

  private static final String JOB = """
      apiVersion: peloton.io/v1
      kind: Job
      metadata: {name: %s, labels: {app: %s}}
      spec:
        respool: /%s
        instanceCount: %d
        defaultConfig:
          resource: {cpuLimit: 1, memLimitMb: 64}
          command: {value: sleep 10}
      """;

  private static Path write(String name, String text) throws Exception {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void manifestsApplyCreatedThenUnchanged() {
    Result first = cli.run("apply", "-f", CliHarness.manifests().toString());
    assertEquals(0, first.code(), first::toString);
    List<String> lines = Arrays.asList(first.out().split("\n"));
    assertEquals(List.of(
        "resourcepool.peloton.io/infra created",
        "resourcepool.peloton.io/batch created",
        "resourcepool.peloton.io/services created",
        "hostmaintenance.peloton.io/rack-12-kernel-upgrade created",
        "job.peloton.io/nightly-report created",
        "job.peloton.io/log-shipper created",
        "job.peloton.io/train-model created",
        "job.peloton.io/web created"), lines, first::toString);

    Result second = cli.run("apply", "-f", CliHarness.manifests().toString());
    assertEquals(0, second.code(), second::toString);
    assertEquals(8, second.out().lines().filter(l -> l.endsWith(" unchanged")).count(),
        second::toString);

    Result diff = cli.run("diff", "-f", CliHarness.manifests().toString());
    assertEquals(0, diff.code(), diff::toString);
    assertEquals("", diff.out());
  }

  @Test
  void getYamlOutputReappliesUnchanged() throws Exception {
    Path f = write("yaml-pool.yaml", POOL.formatted("yamlpool") + "---\n"
        + JOB.formatted("yamljob", "y", "yamlpool", 2));
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());
    Result yaml = cli.run("get", "jobs", "yamljob", "-o", "yaml");
    assertEquals(0, yaml.code(), yaml::toString);
    assertTrue(yaml.out().contains("resourceVersion"), yaml::toString);
    Result again = cli.runWithInput(yaml.out(), "apply", "-f", "-");
    assertEquals("job.peloton.io/yamljob unchanged\n", again.out(), again::toString);

    Result list = cli.run("get", "rp", "-o", "yaml");
    Result relist = cli.runWithInput(list.out(), "apply", "-f", "-");
    assertEquals(0, relist.code(), relist::toString);
    assertFalse(relist.out().contains("configured"), relist::toString);
    assertTrue(relist.out().contains("resourcepool.peloton.io/yamlpool unchanged"), relist::toString);
  }

  @Test
  void typoInAFieldFailsNamingFileAndField() throws Exception {
    Path f = write("typo.yaml", POOL.formatted("typopool") + "---\n"
        + JOB.formatted("typojob", "t", "typopool", 1).replace("instanceCount", "instanceCont"));
    Result r = cli.run("apply", "-f", f.toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.out().contains("resourcepool.peloton.io/typopool created"), r::toString);
    String firstErr = r.err().lines().findFirst().orElse("");
    assertTrue(firstErr.contains("typo.yaml (document 2)"), r::toString);
    assertTrue(r.err().contains("spec.instanceCont"), r::toString);
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
  }

  @Test
  void brokenYamlAndUnknownKindAreOneLineErrors() throws Exception {
    Path bad = write("broken.yaml", "apiVersion: peloton.io/v1\nkind: Job\n  metadata: [\n");
    Result r = cli.run("apply", "-f", bad.toString());
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().startsWith("error: " + bad + ": not valid YAML"), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);

    Path kind = write("kind.yaml", "apiVersion: peloton.io/v1\nkind: Jobb\nmetadata: {name: x}\n");
    Result k = cli.run("apply", "-f", kind.toString());
    assertEquals(1, k.code());
    assertTrue(k.err().contains("kind.yaml (document 1): kind: unsupported value 'Jobb'"), k::toString);
  }

  @Test
  void diffExitCodes() throws Exception {
    Path f = write("diff.yaml", POOL.formatted("diffpool") + "---\n"
        + JOB.formatted("diffjob", "d", "diffpool", 1));
    Result absent = cli.run("diff", "-f", f.toString());
    assertEquals(1, absent.code(), absent::toString);
    assertTrue(absent.out().contains("+  name: diffjob"), absent::toString);
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());
    assertEquals(0, cli.run("diff", "-f", f.toString()).code());
    Files.writeString(f, Files.readString(f).replace("instanceCount: 1", "instanceCount: 3"));
    Result changed = cli.run("diff", "-f", f.toString());
    assertEquals(1, changed.code(), changed::toString);
    assertTrue(changed.out().contains("-  instanceCount: 1"), changed::toString);
    assertTrue(changed.out().contains("+  instanceCount: 3"), changed::toString);
    Result configured = cli.run("apply", "-f", f.toString());
    assertTrue(configured.out().contains("job.peloton.io/diffjob configured"), configured::toString);
    assertTrue(configured.out().contains("resourcepool.peloton.io/diffpool unchanged"),
        configured::toString);
    assertEquals(0, cli.run("diff", "-f", f.toString()).code());
    Files.writeString(f, Files.readString(f).replace("instanceCount: 3", "instanceCount: -3"));
    Result invalid = cli.run("diff", "-f", f.toString());
    assertEquals(2, invalid.code(), invalid::toString);
    assertTrue(invalid.err().contains("spec.instanceCount"), invalid::toString);
    assertEquals(2, cli.run("diff", "-f", tmp.resolve("missing.yaml").toString()).code());
  }

  @Test
  void diffRunsTheExternalDiffProgram() throws Exception {
    Path f = write("extdiff.yaml", POOL.formatted("extpool"));
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());
    cli.env.put("PELOTONCTL_EXTERNAL_DIFF", "diff -u -r");
    try {
      assertEquals(0, cli.run("diff", "-f", f.toString()).code());
      Files.writeString(f, Files.readString(f).replace("limit: 8", "limit: 16"));
      Result changed = cli.run("diff", "-f", f.toString());
      assertEquals(1, changed.code(), changed::toString);
      assertTrue(changed.out().contains("+      limit: 16\n"), changed::toString);
      cli.env.put("PELOTONCTL_EXTERNAL_DIFF", "no-such-diff-program");
      assertEquals(2, cli.run("diff", "-f", f.toString()).code());
    } finally {
      cli.env.remove("PELOTONCTL_EXTERNAL_DIFF");
    }
  }

  @Test
  void getShapesShortNamesAndSelectors() throws Exception {
    Path f = write("get.yaml", POOL.formatted("getpool") + "---\n"
        + JOB.formatted("getjob-a", "alpha", "getpool", 2) + "---\n"
        + JOB.formatted("getjob-b", "beta", "getpool", 3));
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());

    Result table = cli.run("get", "jb", "-l", "app=alpha");
    assertEquals(0, table.code(), table::toString);
    List<String> rows = table.out().lines().toList();
    assertEquals(2, rows.size(), table::toString);
    assertEquals(List.of("NAME", "TYPE", "STATE", "READY", "POOL", "AGE"),
        Arrays.asList(rows.get(0).trim().split("\\s+")));
    String[] cells = rows.get(1).trim().split("\\s+");
    assertEquals(6, cells.length, table::toString);
    assertEquals("getjob-a", cells[0]);
    assertEquals("0/2", cells[3]);
    assertEquals("/getpool", cells[4]);

    Result names = cli.run("get", "job/getjob-a", "job/getjob-b", "-o", "name");
    assertEquals("job.peloton.io/getjob-a\njob.peloton.io/getjob-b\n", names.out(), names::toString);

    Result wide = cli.run("get", "resourcepools", "getpool", "-o", "wide");
    assertTrue(wide.out().lines().findFirst().orElse("").contains("DISK"), wide::toString);
    assertTrue(wide.out().contains("4/8"), wide::toString);

    Result json = cli.run("get", "jobs.peloton.io", "getjob-b", "-o", "json");
    assertTrue(json.out().contains("\"instanceCount\" : 3"), json::toString);

    Result all = cli.run("get", "jobs", "-A", "-l", "app=beta");
    assertTrue(all.out().startsWith("NAMESPACE"), all::toString);
    assertTrue(all.out().contains("default"), all::toString);

    Result none = cli.run("get", "jobs", "-n", "empty-ns");
    assertEquals(0, none.code());
    assertEquals("No resources found in empty-ns namespace.\n", none.err());

    Result missing = cli.run("get", "job", "nope");
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("\"nope\" not found"), missing::toString);

    Result unknownKind = cli.run("get", "widgets");
    assertEquals(1, unknownKind.code());
    assertTrue(unknownKind.err().contains("doesn't have a resource type \"widgets\""));

    Result usage = cli.run("get", "jobs", "-o", "xml");
    assertEquals(2, usage.code(), usage::toString);
    assertEquals(2, cli.run("get", "--no-such-flag").code());
  }

  @Test
  void describeShowsSpecStatusAndEvents() throws Exception {
    Path f = write("describe.yaml", POOL.formatted("descpool") + "---\n"
        + JOB.formatted("descjob", "desc", "descpool", 2));
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());
    Result d = cli.run("describe", "job", "descjob");
    assertEquals(0, d.code(), d::toString);
    assertTrue(d.out().contains("Name:         descjob"), d::toString);
    assertTrue(d.out().contains("Labels:       app=desc"), d::toString);
    assertTrue(d.out().contains("  instanceCount: 2"), d::toString);
    assertTrue(d.out().contains("Conditions:   <none>"), d::toString);
    assertTrue(d.out().contains("Events:       <none>"), d::toString);
  }

  @Test
  void deleteByFileAndWaitForDelete() throws Exception {
    Path f = write("del.yaml", POOL.formatted("delpool") + "---\n"
        + JOB.formatted("deljob", "del", "delpool", 1));
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());
    CliHarness.Background waiter = cli.background("wait", "--for=delete", "job/deljob",
        "--timeout=120s");
    Result del = cli.run("delete", "-f", f.toString());
    assertEquals(0, del.code(), del::toString);
    assertTrue(del.out().contains("job.peloton.io \"deljob\" deleted"), del::toString);
    assertTrue(del.out().contains("resourcepool.peloton.io \"delpool\" deleted"), del::toString);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> waiter.code != null);
    assertEquals(0, waiter.code);
    assertEquals("job.peloton.io/deljob deleted\n", waiter.out());

    Result again = cli.run("delete", "job", "deljob");
    assertEquals(1, again.code());
    assertEquals(0, cli.run("delete", "job", "deljob", "--ignore-not-found").code());
  }

  @Test
  void deleteWaitsForFinalizersAndSaysWhich() throws Exception {
    Path f = write("fin.yaml", POOL.formatted("finpool").replace("metadata: {name: finpool}",
        "metadata: {name: finpool, finalizers: [peloton.io/test-hold]}"));
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());
    CliHarness.Background delete = cli.background("delete", "rp", "finpool", "--timeout=120s");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> delete.err.toString().contains("finalizer(s) peloton.io/test-hold"));
    assertEquals(null, delete.code);
    // a pool that is going says so
    Result listed = cli.run("get", "rp", "finpool");
    assertTrue(listed.out().lines().toList().get(0).contains("STATUS"), listed::toString);
    assertTrue(listed.out().lines().toList().get(1).contains("Deleting"), listed::toString);
    // the finalizer's owner lets go: the object goes, and delete reports it
    var client = new io.peloton.client.ApiClient(cli.url(), null);
    var patch = io.peloton.api.codec.Codecs.json().createObjectNode();
    patch.putObject("metadata").putArray("finalizers");
    client.patch(io.peloton.api.ResourceTypes.RESOURCE_POOL, null, "finpool", patch, false);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .until(() -> delete.code != null);
    assertEquals(0, delete.code, delete.err::toString);
    assertEquals("resourcepool.peloton.io \"finpool\" deleted\n", delete.out());
  }

  @Test
  void describeListsConditionsAndRecentEvents() throws Exception {
    Path f = write("events.yaml", POOL.formatted("evpool") + "---\n"
        + JOB.formatted("evjob", "ev", "evpool", 1));
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());
    var client = new io.peloton.client.ApiClient(cli.url(), null);
    var event = io.peloton.api.codec.Codecs.json().createObjectNode();
    event.put("apiVersion", "peloton.io/v1").put("kind", "Event");
    event.putObject("metadata").put("name", "evjob.1").put("namespace", "default");
    event.putObject("involvedObject").put("apiVersion", "peloton.io/v1").put("kind", "Job")
        .put("namespace", "default").put("name", "evjob");
    event.put("reason", "FailedScheduling").put("message", "0/3 hosts: 3 insufficient cpu")
        .put("type", "Warning").put("count", 7);
    event.putObject("source").put("component", "scheduler");
    client.create(io.peloton.api.ResourceTypes.EVENT, "default", event);
    var status = io.peloton.api.codec.Codecs.json().createObjectNode();
    status.putObject("status").putArray("conditions").addObject().put("type", "Scheduled")
        .put("status", "False").put("reason", "Unschedulable")
        .put("message", "pool /evpool at entitlement")
        .put("lastTransitionTime", "2026-01-01T00:00:00Z");
    client.patch(io.peloton.api.ResourceTypes.JOB, "default", "evjob", status, true);

    Result d = cli.run("describe", "jobs", "evjob");
    assertEquals(0, d.code(), d::toString);
    assertTrue(d.out().contains("Scheduled   False    Unschedulable"), d::toString);
    assertTrue(d.out().contains("    pool /evpool at entitlement"), d::toString);
    assertTrue(d.out().lines().anyMatch(l -> l.contains("Warning") && l.contains("FailedScheduling")
        && l.contains("scheduler") && l.contains(" (x7)") && !l.contains("_(x7)")
        && l.endsWith("0/3 hosts: 3 insufficient cpu")), d::toString);

    Result met = cli.run("wait", "job/evjob", "--for=condition=Scheduled=False", "--timeout=30s");
    assertEquals(0, met.code(), met::toString);
    assertEquals("job.peloton.io/evjob condition met\n", met.out());
  }

  @Test
  void waitForConditionTimesOut() throws Exception {
    Path f = write("cond.yaml", POOL.formatted("condpool"));
    assertEquals(0, cli.run("apply", "-f", f.toString()).code());
    Result r = cli.run("wait", "rp/condpool", "--for=condition=Ready", "--timeout=1s");
    assertEquals(1, r.code());
    assertEquals("error: timed out waiting for the condition on resourcepools/condpool\n", r.err());
  }
}
