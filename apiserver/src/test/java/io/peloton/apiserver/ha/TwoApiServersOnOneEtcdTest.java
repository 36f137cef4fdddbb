package io.peloton.apiserver.ha;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.apiserver.ApiServer;
import io.peloton.apiserver.ApiServerConfig;
import io.peloton.apiserver.testing.EtcdProcess;
import io.peloton.apiserver.testing.RestClient;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** All-active replicas: two API servers over one etcd both serve reads, writes and watches. */
class TwoApiServersOnOneEtcdTest {
  static final String JOBS = "/apis/peloton.io/v1/namespaces/ha/jobs";

  static String job(String name) {
    return """
        {"apiVersion":"peloton.io/v1","kind":"Job","metadata":{"name":"%s"},
         "spec":{"type":"BATCH","respool":"/pool","instanceCount":1,
           "defaultConfig":{"resource":{"cpuLimit":1,"memLimitMb":64},
             "command":{"value":"true"}}}}""".formatted(name);
  }

  @Test
  void writesOnEitherAreSeenByBoth() {
    assumeTrue(Files.isExecutable(EtcdProcess.binary()), "etcd is not installed");
    try (EtcdProcess etcd = EtcdProcess.start();
         ApiServer a = ApiServer.start(ApiServerConfig.defaults(etcd.storeUrl(), 0));
         ApiServer b = ApiServer.start(ApiServerConfig.defaults(etcd.storeUrl(), 0))) {
      RestClient ra = new RestClient(a.url());
      RestClient rb = new RestClient(b.url());
      try (RestClient.Watch watchOnB = rb.watch(JOBS + "?watch=true")) {
        assertEquals(201, ra.post(JOBS, job("from-a"), "application/json").code());
        assertEquals(201, rb.post(JOBS, job("from-b"), "application/json").code());
        // a consistent list on either server sees both writes at once
        for (RestClient r : List.of(ra, rb)) {
          assertEquals(2, r.get(JOBS).json().get("items").size());
        }
        // an update through B of an object read from A: optimistic concurrency across servers
        JsonNode fromA = ra.get(JOBS + "/from-a").json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) fromA.get("spec"))
            .put("instanceCount", 3);
        assertEquals(200, rb.put(JOBS + "/from-a", fromA).code());
        assertEquals(409, ra.put(JOBS + "/from-a", fromA).code());

        List<String> seen = new ArrayList<>();
        await().atMost(30, TimeUnit.SECONDS).until(() -> {
          JsonNode e;
          while ((e = watchOnB.events.poll()) != null) {
            seen.add(e.get("type").asText() + " " + e.at("/object/metadata/name").asText());
          }
          return seen.size() >= 3;
        });
        assertEquals(List.of("ADDED from-a", "ADDED from-b", "MODIFIED from-a"), seen);
      }
    }
  }
}
