package io.peloton.api.peloton;

import static io.peloton.api.peloton.PelotonConvertersTest.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.job.Job;
import io.peloton.api.job.JobSpec.JobType;
import io.peloton.api.taskconfig.HealthCheck.HealthCheckType;
import io.peloton.api.validation.Admitted;
import io.peloton.api.validation.ObjectAdmission;
import org.junit.jupiter.api.Test;

/** Peloton's v1alpha stateless specs, unedited, become admissible SERVICE jobs. */
class PelotonStatelessSpecTest {
  static Job admitted(Converted c) throws Exception {
    Admitted a = ObjectAdmission.admit(ResourceTypes.JOB, c.object());
    assertTrue(a.ok(), a.errors()::toString);
    return Codecs.json().treeToValue(a.object(), Job.class);
  }

  @Test
  void theStatelessExampleIsAServiceOfItsOneContainer() throws Exception {
    JsonNode doc = example("stateless/testspec.yaml");
    assertTrue(PelotonStatelessSpec.matches(doc));
    Converted c = PelotonStatelessSpec.convert(doc, "/DefaultResPool", "default", null);
    Job job = admitted(c);
    assertEquals(JobType.SERVICE, job.spec().type());
    assertEquals(3, job.spec().instanceCount());
    assertEquals(0.1, job.spec().defaultConfig().resource().cpuLimit());
    assertEquals("while :; do echo running 3; sleep 10; done",
        job.spec().defaultConfig().command().value());
    assertTrue(c.warnings().stream().anyMatch(w -> w.contains("entrypoint")), c.warnings()::toString);
  }

  @Test
  void theSlaExampleKeepsItsSlaAndLivenessCheck() throws Exception {
    Job job = admitted(PelotonStatelessSpec.convert(example("stateless/testspec_sla.yaml"),
        "/DefaultResPool", "default", null));
    assertEquals(2, job.spec().sla().maximumUnavailableInstances());
    assertEquals(HealthCheckType.COMMAND, job.spec().defaultConfig().healthCheck().type());
    assertEquals("ls", job.spec().defaultConfig().healthCheck().commandCheck().command());
  }

  @Test
  void aJobConfigIsNotAStatelessSpec() throws Exception {
    assertFalse(PelotonStatelessSpec.matches(example("testjob.yaml")));
  }

  @Test
  void anEntrypointAloneBecomesAQuotedShellCommand() throws Exception {
    JsonNode doc = Codecs.readDocuments("""
        name: ep
        instancecount: 1
        defaultspec:
          containers:
          - resource: {cpulimit: 0.1, memlimitmb: 2}
            entrypoint: {value: /bin/echo, arguments: ["it's", "two words"]}
        """).get(0);
    Job job = admitted(PelotonStatelessSpec.convert(doc, "/p", "default", null));
    assertEquals("'/bin/echo' 'it'\\''s' 'two words'", job.spec().defaultConfig().command().value());
  }

  @Test
  void twoContainersAreRefusedNamingTheField() throws Exception {
    JsonNode doc = Codecs.readDocuments("""
        name: two
        defaultspec:
          containers: [{name: a}, {name: b}]
        """).get(0);
    PelotonSpecException e = assertThrows(PelotonSpecException.class,
        () -> PelotonStatelessSpec.convert(doc, "/p", "default", null));
    assertTrue(e.getMessage().contains("defaultspec.containers"), e.getMessage());
  }
}
