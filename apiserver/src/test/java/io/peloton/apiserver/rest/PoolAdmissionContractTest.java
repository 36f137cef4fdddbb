package io.peloton.apiserver.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.testing.RestClient;
import io.peloton.apiserver.testing.RestClient.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Admission that needs the pool tree, against each store backend over real HTTP: a Job beyond
 * its pool's limits is refused with the field path, a pool still in use cannot be deleted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PoolAdmissionContractTest {
  static final String POOLS = "/apis/peloton.io/v1/resourcepools";
  static final String JOBS = "/apis/peloton.io/v1/namespaces/default/jobs";

  ApiServer server;
  RestClient rest;

  /** The store URL for this run (a fresh store). */
  abstract String storeUrl();

  @BeforeAll
  void startServer() {
    server = ApiServer.start(ApiServerConfig.defaults(storeUrl(), 0));
    rest = new RestClient(server.url());
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** Peloton's DefaultResPool: 12 cpus, no GPU. */
  private void pool(String name, String parent) {
    Response r = rest.post(POOLS, """
        apiVersion: peloton.io/v1
        kind: ResourcePool
        metadata: {name: %s}
        spec:
          parent: %s
          resources:
          - {kind: cpu, reservation: 12, limit: 12, share: 1}
          - {kind: memory, reservation: 6144, limit: 6144, share: 1}
          - {kind: gpu, reservation: 0, limit: 0, share: 1}
        """.formatted(name, parent), "application/yaml");
    assertEquals(201, r.code(), r.body());
  }

  private Response job(String name, String pool, String extra) {
    return job(name, pool, 1, extra);
  }

  private Response job(String name, String pool, double cpu, String extra) {
    return rest.post(JOBS, """
        apiVersion: peloton.io/v1
        kind: Job
        metadata: {name: %s}
        spec:
          type: BATCH
          respool: %s
          instanceCount: 4
          defaultConfig:
            resource: {cpuLimit: %s, memLimitMb: 128}
            command: {value: 'true'}
        %s""".formatted(name, pool, cpu, extra), "application/yaml");
  }

  private static List<String> fields(Response r) {
    List<String> out = new ArrayList<>();
    r.json().at("/details/causes").forEach(c -> out.add(c.get("field").asText()));
    return out;
  }

  @Test
  void aJobBeyondItsPoolsLimitsIsRefusedWithTheFieldPath() {
    pool("limits", "/");
    Response gpu = job("gpu", "/limits", """
          instanceConfig:
            "2": {resource: {cpuLimit: 20, memLimitMb: 128, gpuLimit: 1}}
        """);
    assertEquals(422, gpu.code(), gpu.body());
    assertEquals(List.of("spec.instanceConfig[2].resource.cpuLimit",
        "spec.instanceConfig[2].resource.gpuLimit"), fields(gpu));
    assertTrue(gpu.json().at("/details/causes/1/message").asText().equals(
        "1 exceeds the gpu limit 0 of resource pool /limits: it could never be placed"),
        gpu.body());

    // 4 cpus each fit the 12 of the pool, a gang of four at once never does
    Response gang = job("gang", "/limits", 4, """
          sla: {minimumRunningInstances: 4}
        """);
    assertEquals(422, gang.code(), gang.body());
    assertEquals(List.of("spec.sla.minimumRunningInstances"), fields(gang));

    assertEquals(201, job("fits", "/limits", "").code());
    // a pool that does not exist yet is the job controller's to report, not a refusal
    assertEquals(201, job("later", "/not-yet", "").code());
  }

  @Test
  void aSpecChangeBeyondTheLimitsIsRefusedButOtherChangesAreNot() {
    pool("shrinks", "/");
    assertEquals(201, job("steady", "/shrinks", 4, "").code());
    Response grow = rest.patch(JOBS + "/steady",
        "{\"spec\":{\"defaultConfig\":{\"resource\":{\"cpuLimit\":13,\"memLimitMb\":128}}}}",
        "application/merge-patch+json");
    assertEquals(422, grow.code(), grow.body());
    assertEquals(List.of("spec.defaultConfig.resource.cpuLimit"), fields(grow));
    // the pool shrinks below the job: its finalizers and labels may still change (or it could
    // never be deleted), only its spec is judged
    assertEquals(200, rest.patch(POOLS + "/shrinks",
        "{\"spec\":{\"resources\":[{\"kind\":\"cpu\",\"reservation\":2,\"limit\":2}]}}",
        "application/merge-patch+json").code());
    Response label = rest.patch(JOBS + "/steady", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}",
        "application/merge-patch+json");
    assertEquals(200, label.code(), label.body());
  }

  @Test
  void aPoolInUseCannotBeDeletedAndSaysByWhom() {
    pool("infra", "/");
    pool("services", "/infra");
    assertEquals(201, job("web", "/infra/services", "").code());

    Response parent = rest.delete(POOLS + "/infra");
    assertEquals(409, parent.code(), parent.body());
    assertEquals("Status", parent.json().path("kind").asText());
    assertTrue(parent.json().path("message").asText().contains(
        "resource pool /infra is in use by child pools /infra/services"), parent.body());
    Response leaf = rest.delete(POOLS + "/services");
    assertEquals(409, leaf.code(), leaf.body());
    assertTrue(leaf.json().path("message").asText().contains("jobs default/web"), leaf.body());
    assertEquals(200, rest.get(POOLS + "/infra").code(), "still there, not deleting");
    JsonNode meta = rest.get(POOLS + "/infra").json().path("metadata");
    assertTrue(meta.path("deletionTimestamp").isMissingNode(), meta.toString());

    assertEquals(200, rest.delete(JOBS + "/web").code());
    assertEquals(200, rest.delete(POOLS + "/services").code());
    assertEquals(200, rest.delete(POOLS + "/infra").code());
  }
}
