package io.peloton.pelotonctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.client.ApiClient;
import io.peloton.pelotonctl.CliHarness.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Peloton's verbs, fed Peloton's own example files unedited. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PelotonVerbsTest {
  @TempDir
  static Path tmp;
  static CliHarness cli;
  static ApiClient client;

  @BeforeAll
  static void start() {
    cli = new CliHarness(tmp);
    client = new ApiClient(cli.url(), null);
  }

  @AfterAll
  static void stop() {
    cli.close();
  }

  private static String example(String file) {
    return CliHarness.examples(file).toString();
  }

  @Test
  @Order(1)
  void respoolCreateFromPelotonExample() {
    Result r = cli.run("respool", "create", "/DefaultResPool", example("default_respool.yaml"));
    assertEquals(0, r.code(), r::toString);
    assertEquals("Resource Pool DefaultResPool created at /DefaultResPool\n", r.out());
    assertEquals("", r.err());
    ObjectNode pool = client.get(ResourceTypes.RESOURCE_POOL, null, "DefaultResPool");
    assertEquals("/", pool.at("/spec/parent").asText());
    assertEquals(30.0, pool.at("/spec/slackLimit/maxPercent").asDouble());
  }

  @Test
  @Order(2)
  void jobCreateFromPelotonExampleWarnsAboutObsoleteFields() {
    Result r = cli.run("job", "create", "/DefaultResPool", example("testjob.yaml"));
    assertEquals(0, r.code(), r::toString);
    assertEquals("Job testpelotonjob-123 created\n", r.out());
    List<String> warnings = r.err().lines().toList();
    assertEquals(List.of(
        "Warning: " + example("testjob.yaml") + ": ignoring Peloton field "
            + "'sla.minimuminstancecount': not used by Peloton-K",
        "Warning: " + example("testjob.yaml") + ": ignoring Peloton field "
            + "'sla.minimuminstancepercent': not used by Peloton-K"), warnings);
    ObjectNode job = client.get(ResourceTypes.JOB, "default", "testpelotonjob-123");
    assertEquals(10, job.at("/spec/instanceCount").asInt());
    assertEquals("/DefaultResPool", job.at("/spec/respool").asText());
    assertEquals("controller0", job.at("/spec/instanceConfig/0/name").asText());
  }

  @ParameterizedTest
  @Order(3)
  @ValueSource(strings = {"helloworld_job.yaml", "test_http_no_container.yaml",
      "testjob_docker.yaml",
      "testjob_host_affinity_constraint.yaml", "testjob_persistent_volume_docker.yaml",
      "testjob_revocable.yaml", "testjob_stateless_preemptible.yaml",
      "testjob_stateless_revocable.yaml", "testjob_stateless_service.yaml",
      "testjob_stateless_service_host_limit.yaml", "testjob_unified.yaml"})
  void everyExampleJobCreates(String file) {
    // two examples share a Peloton name (Peloton gives every job a UUID): -i picks ours
    String id = file.replace(".yaml", "").replace('_', '-');
    Result r = cli.run("job", "create", "/DefaultResPool", example(file), "-i", id);
    assertEquals(0, r.code(), r::toString);
    assertEquals("Job " + id + " created\n", r.out());
  }

  /** DefaultResPool allows no GPU: a GPU job could never run there and is refused at once. */
  @Test
  @Order(3)
  void aJobBeyondItsPoolsLimitsIsRefusedNamingTheField() {
    Result r = cli.run("job", "create", "/DefaultResPool",
        example("testjob_gpu_mesos_containerizer.yaml"), "-i", "gpu-job");
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("spec.defaultConfig.resource.gpuLimit")
        && r.err().contains("1 exceeds the gpu limit 0 of resource pool /DefaultResPool"),
        r::toString);
  }

  @Test
  @Order(3)
  void statelessSpecsCreateServiceJobsThroughEitherVerb() {
    Result r = cli.run("job", "create", "/DefaultResPool", example("stateless/testspec.yaml"),
        "-i", "stateless-a");
    assertEquals(0, r.code(), r::toString);
    assertEquals("Job stateless-a created\n", r.out());
    Result s = cli.run("job", "stateless", "create", "/DefaultResPool",
        example("stateless/testspec_sla.yaml"), "-i", "stateless-b");
    assertEquals(0, s.code(), s::toString);
    assertEquals("SERVICE", client.get(ResourceTypes.JOB, "default", "stateless-b")
        .path("spec").path("type").asText());
    assertEquals(2, client.get(ResourceTypes.JOB, "default", "stateless-b")
        .path("spec").path("sla").path("maximumUnavailableInstances").asInt());
  }

  @Test
  @Order(3)
  void sameNameTwiceMakesTwoJobsLikePelotonAndTakenIdIsRefused() {
    assertEquals(0, cli.run("job", "create", "/DefaultResPool",
        example("testjob_stateless_service.yaml")).code());
    // Peloton gives every created job a new id: the second one gets a generated name
    Result again = cli.run("job", "create", "/DefaultResPool",
        example("testjob_stateless_preemptible.yaml"));
    assertEquals(0, again.code(), again::toString);
    assertTrue(again.out().matches("Job testpelotonjob-stateless-123-[a-z0-9]{5} created\n"),
        again::toString);
    assertTrue(again.err().contains("job testpelotonjob-stateless-123 exists already; creating "
        + "this one as testpelotonjob-stateless-123-"), again::toString);
    String second = again.out().split(" ")[1];
    assertEquals("TestPelotonJob_Stateless_123", client.get(ResourceTypes.JOB, "default", second)
        .at("/metadata/annotations/peloton.io~1peloton-name").asText());
    // an id the user chose is theirs or nothing
    Result taken = cli.run("job", "create", "/DefaultResPool",
        example("testjob_stateless_preemptible.yaml"), "-i", second);
    assertEquals(1, taken.code());
    assertTrue(taken.err().contains("job " + second + " already exists"), taken::toString);
  }

  @Test
  @Order(4)
  void exampleBreakingAJobRuleFailsNamingFileAndField() {
    Result r = cli.run("job", "create", "/DefaultResPool", example("test_http_health.yaml"));
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("spec.instanceConfig[0].healthCheck: Forbidden: BATCH jobs "
        + "cannot have health checks"), r::toString);
  }

  @Test
  @Order(5)
  void jobCreateNeedsAnExistingPoolAndAValidFile() throws Exception {
    Result noPool = cli.run("job", "create", "/Nope", example("testjob.yaml"));
    assertEquals(1, noPool.code());
    assertEquals("error: resource pool /Nope not found\n", noPool.err());
    Path bad = tmp.resolve("bad.yaml");
    java.nio.file.Files.writeString(bad, "name: x\ntype: 9\n");
    Result badEnum = cli.run("job", "create", "/DefaultResPool", bad.toString());
    assertEquals(1, badEnum.code());
    assertTrue(badEnum.err().startsWith("error: " + bad + ": type: 9 is not a Peloton job type"),
        badEnum::toString);
  }

  @Test
  @Order(6)
  void jobGetStatusQueryStopDelete() {
    Result get = cli.run("job", "get", "TestPelotonJob_123");
    assertEquals(0, get.code(), get::toString);
    assertTrue(get.out().contains("id: testpelotonjob-123"), get::toString);
    assertTrue(get.out().contains("instanceCount: 10"), get::toString);

    Result status = cli.run("job", "status", "testpelotonjob-123");
    assertTrue(status.out().contains("  taskStats:\n"), status::toString);
    assertTrue(status.out().contains("    RUNNING: 0"), status::toString);

    Result query = cli.run("job", "query", "--owner", "team6", "-l", "testKey0=testVal0");
    List<String> rows = query.out().lines().toList();
    assertTrue(rows.get(0).trim().startsWith("ID|"), query::toString);
    assertTrue(rows.get(0).endsWith("Killed|"), query::toString);
    assertTrue(rows.stream().anyMatch(l -> l.contains(" TestPelotonJob_123|")), query::toString);
    assertTrue(rows.stream().noneMatch(l -> l.contains("HelloWorld")), query::toString);

    Result stop = cli.run("job", "stop", "testpelotonjob-123");
    assertEquals("Job testpelotonjob-123 stopping\n", stop.out(), stop::toString);
    assertEquals("KILLED", client.get(ResourceTypes.JOB, "default", "testpelotonjob-123")
        .at("/metadata/annotations/peloton.io~1goal-state").asText());

    Result del = cli.run("job", "delete", "testpelotonjob-123");
    assertEquals("Job testpelotonjob-123 deleted\n", del.out(), del::toString);
    assertEquals(1, cli.run("job", "get", "testpelotonjob-123").code());
  }

  @Test
  @Order(7)
  void taskListAndGetUseTaskObjects() {
    ObjectNode task = Codecs.json().createObjectNode();
    task.put("apiVersion", "peloton.io/v1").put("kind", "Task");
    task.putObject("metadata").put("name", "helloworld-job-3").put("namespace", "default");
    ObjectNode spec = task.putObject("spec");
    spec.put("job", "helloworld-job").put("instance", 3).put("goalState", "RUNNING")
        .put("respool", "/DefaultResPool");
    spec.putObject("config").put("name", "hello3")
        .putObject("resource").put("cpuLimit", 1).put("memLimitMb", 1);
    ((ObjectNode) spec.get("config")).putObject("command").put("value", "true");
    client.create(ResourceTypes.TASK, "default", task);

    Result list = cli.run("task", "list", "helloworld-job");
    assertEquals(0, list.code(), list::toString);
    List<String> rows = list.out().lines().toList();
    assertEquals(2, rows.size(), list::toString);
    assertTrue(rows.get(0).trim().startsWith("Instance|"), list::toString);
    assertTrue(rows.get(1).contains("3|") && rows.get(1).contains("hello3|"), list::toString);

    assertEquals(1, cli.run("task", "list", "helloworld-job", "-r", "0:3").out().lines().count());
    assertEquals(1, cli.run("task", "query", "helloworld-job", "-s", "RUNNING").out().lines().count());

    Result get = cli.run("task", "get", "helloworld_job", "3");
    assertEquals(0, get.code(), get::toString);
    assertTrue(get.out().contains("name: helloworld-job-3"), get::toString);
  }

  @Test
  @Order(8)
  void hostMaintenanceStartCompleteAndQuery() {
    for (String h : List.of("agent-a", "agent-b")) {
      ObjectNode host = Codecs.json().createObjectNode();
      host.put("apiVersion", "peloton.io/v1").put("kind", "Host");
      host.putObject("metadata").put("name", h);
      host.putObject("spec");
      client.create(ResourceTypes.HOST, null, host);
    }
    Result unknown = cli.run("host", "maintenance", "start", "agent-a,nosuchhost");
    assertEquals(1, unknown.code(), unknown::toString);
    assertEquals("", unknown.out());
    assertEquals("error: unknown host nosuchhost: not registered with the cluster (known: "
        + "agent-a,agent-b)\n", unknown.err());
    assertEquals(0, client.list(ResourceTypes.HOST_MAINTENANCE, null,
        io.peloton.client.ListOptions.all()).items().size());

    Result start = cli.run("host", "maintenance", "start", "agent-a,agent-b");
    assertEquals(0, start.code(), start::toString);
    assertEquals("Host successfully submitted for maintenance: agent-a,agent-b\n", start.out());
    var maintenances = client.list(ResourceTypes.HOST_MAINTENANCE, null,
        io.peloton.client.ListOptions.all()).items();
    assertEquals(1, maintenances.size());
    assertEquals("agent-b", maintenances.get(0).at("/spec/hosts/1").asText());

    Result twice = cli.run("host", "maintenance", "start", "agent-b");
    assertEquals(1, twice.code());
    assertTrue(twice.err().contains("already in maintenance"), twice::toString);

    Result complete = cli.run("host", "maintenance", "complete", "agent-a");
    assertEquals(0, complete.code(), complete::toString);
    assertTrue(client.list(ResourceTypes.HOST_MAINTENANCE, null,
        io.peloton.client.ListOptions.all()).items().get(0).at("/spec/complete").asBoolean());
    assertEquals(1, cli.run("host", "maintenance", "complete", "agent-z").code());

    Result query = cli.run("host", "query", "--states", "HOST_STATE_UP");
    assertEquals(0, query.code(), query::toString);
    assertTrue(query.out().trim().startsWith("Hostname|"), query::toString);
  }

  @Test
  @Order(9)
  void respoolCreateRefusesAFileThatIsNotAPoolSpec() {
    Result security = cli.run("respool", "create", "/Auth",
        example("auth/basic/security_example.yaml"));
    assertEquals(1, security.code(), security::toString);
    assertTrue(security.err().startsWith("error: " + example("auth/basic/security_example.yaml")
        + ": users: not a field of a Peloton resource pool spec"), security::toString);
    Result job = cli.run("respool", "create", "/HelloWorld", example("helloworld_job.yaml"));
    assertEquals(1, job.code(), job::toString);
    assertTrue(job.err().contains("this looks like a job spec: use 'job create'"), job::toString);
    assertEquals(1, cli.run("get", "rp", "Auth").code());
    assertEquals(1, cli.run("get", "rp", "HelloWorld").code());
  }

  @Test
  @Order(9)
  void helloWorldsDockerEnvironmentReachesTheCommand() {
    Result r = cli.run("job", "create", "/DefaultResPool", example("helloworld_job.yaml"), "-i",
        "hello-env");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().lines().noneMatch(l -> l.contains("parameters")), r::toString);
    assertEquals("[{\"name\":\"MESSAGE\",\"value\":\"HelloWorld\"},"
        + "{\"name\":\"SLEEP_SECONDS\",\"value\":\"300\"}]", client.get(ResourceTypes.JOB,
        "default", "hello-env").at("/spec/defaultConfig/command/environment/variables")
        .toString());
  }

  @Test
  @Order(9)
  void repeatedKeyInAPelotonFileIsAcceptedWithAWarning() throws Exception {
    Path f = tmp.resolve("repeated.yaml");
    java.nio.file.Files.writeString(f, java.nio.file.Files.readString(
        CliHarness.examples("testjob.yaml")) + "instancecount: 12\n");
    Result r = cli.run("job", "create", "/DefaultResPool", f.toString(), "-i", "repeated");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("Warning: " + f + ": repeated key 'instancecount' at line"),
        r::toString);
    assertEquals(12, client.get(ResourceTypes.JOB, "default", "repeated")
        .at("/spec/instanceCount").asInt());
    // our own format stays strict
    Path own = tmp.resolve("own.yaml");
    java.nio.file.Files.writeString(own, "apiVersion: peloton.io/v1\nkind: ResourcePool\n"
        + "metadata: {name: twice}\nspec: {parent: /}\nspec: {parent: /}\n");
    Result strict = cli.run("apply", "-f", own.toString());
    assertEquals(1, strict.code(), strict::toString);
  }

  @Test
  @Order(9)
  void respoolGetDumpDeleteByPath() throws Exception {
    Result child = cli.run("respool", "create", "/DefaultResPool/Other",
        example("helloworld_pool.yaml"));
    assertEquals(1, child.code(), "name in the file must match the path: " + child);
    Path renamed = tmp.resolve("child.yaml");
    java.nio.file.Files.writeString(renamed, java.nio.file.Files.readString(
        CliHarness.examples("helloworld_pool.yaml")).replaceAll("(?m)^name: .*$", "name: kid"));
    Result kid = cli.run("respool", "create", "/DefaultResPool/kid", renamed.toString());
    assertEquals("Resource Pool kid created at /DefaultResPool/kid\n", kid.out(), kid::toString);
    assertEquals(1, cli.run("respool", "create", "/Missing/kid2", renamed.toString()).code());

    Result get = cli.run("respool", "get", "/DefaultResPool/kid");
    assertTrue(get.out().contains("parent: /DefaultResPool"), get::toString);
    assertEquals(1, cli.run("respool", "get", "/kid").code());

    Result dump = cli.run("respool", "dump", "--format", "json");
    assertTrue(dump.out().indexOf("\"DefaultResPool\"") < dump.out().indexOf("\"kid\""), dump::toString);

    Result del = cli.run("respool", "delete", "/DefaultResPool/kid");
    assertEquals("Resource Pool /DefaultResPool/kid deleted\n", del.out(), del::toString);
  }

  @Test
  @Order(10)
  void unreachableServerIsOneLineAndExitOne() {
    java.util.Map<String, String> env = new java.util.HashMap<>(cli.env);
    env.put("PELOTON_SERVER", "http://127.0.0.1:1");
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = PelotonCtl.execute(new String[] {"get", "jobs"}, env,
        java.io.InputStream.nullInputStream(), new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(err, true));
    assertEquals(1, code);
    assertEquals(1, err.toString().lines().count(), err::toString);
    assertTrue(err.toString().contains("connection refused"), err::toString);
  }
}
