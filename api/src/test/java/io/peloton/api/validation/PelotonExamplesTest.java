package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.job.Job;
import io.peloton.api.taskconfig.TaskConfig;
import org.junit.jupiter.api.Test;

/** Peloton's own example jobs, transcribed to our format, fit the model field for field. */
class PelotonExamplesTest {
  @Test
  void httpHealthCheckJob() throws Exception {
    JsonNode json = Samples.admitted(ResourceTypes.JOB, Samples.text("peloton-http-health-job.yaml"));
    Job job = Codecs.json().treeToValue(json, Job.class);
    TaskConfig instance2 = job.spec().configFor(2);
    assertEquals(1, instance2.healthCheck().maxConsecutiveFailures());
    assertEquals("UBER_HTTP_PORT", instance2.ports().get(0).envName());
    assertEquals("60", instance2.command().environment().variables().get(0).value());
    assertEquals("[\"/peloton_test_http1/us1/peloton_test_http_health_check\"]",
        instance2.labels().get("org.apache.aurora.metadata.uns"));
  }

  @Test
  void persistentVolumeDockerJob() throws Exception {
    JsonNode json = Samples.admitted(ResourceTypes.JOB,
        Samples.text("peloton-persistent-volume-job.yaml"));
    Job job = Codecs.json().treeToValue(json, Job.class);
    TaskConfig cfg = job.spec().configFor(0);
    assertEquals("HOST_PATH", cfg.volumes().get(0).type().name());
    assertEquals(20.0, cfg.volumes().get(2).sizeMb());
    assertEquals("DOCKER", cfg.container().type().name());
    assertNull(cfg.healthCheck());
  }

  @Test
  void aTaskLabelKeyMustNotBeEmpty() {
    Admitted a = Samples.admit(ResourceTypes.JOB, Samples.job("").replace(
        "command: {value: echo hi}", "command: {value: echo hi}\n    labels: {\"\": x}"));
    assertEquals(FieldError.INVALID, Samples.errorOn(a, "spec.defaultConfig.labels[]").reason());
  }
}
