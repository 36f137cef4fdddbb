package io.peloton.api.peloton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.api.job.Job;
import io.peloton.api.taskconfig.EnvVar;
import io.peloton.api.validation.Admitted;
import io.peloton.api.validation.ObjectAdmission;
import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What Peloton's format means that ours says differently: repeated keys, Docker env parameters,
 * files that are not pool specs, and generated job names.
 */
class PelotonFormatEdgesTest {
  @Test
  void repeatedKeyLastOneWinsWithAWarningNamingPathAndLine() throws Exception {
    PelotonYaml.Parsed p = PelotonYaml.read("""
        name: first
        defaultconfig:
          resource: {cpulimit: 1}
          resource: {cpulimit: 2}
        name: second
        """);
    assertEquals("second", p.documents().get(0).path("name").asText());
    assertEquals(2.0, p.documents().get(0).at("/defaultconfig/resource/cpulimit").asDouble());
    assertEquals(List.of(
        "repeated key 'defaultconfig.resource' at line 4: the last value is used, as Peloton "
            + "does",
        "repeated key 'name' at line 5: the last value is used, as Peloton does"),
        p.warnings());
    // our own format stays strict
    assertThrows(Exception.class, () -> Codecs.readDocuments("a: 1\na: 2\n"));
  }

  @Test
  void noRepeatedKeysNoWarnings() throws Exception {
    String text = Files.readString(PelotonConvertersTest.sharedExample("testjob.yaml"));
    assertEquals(List.of(), PelotonYaml.read(text).warnings());
  }

  @Test
  void dockerEnvParametersBecomeTheCommandsEnvironment() throws Exception {
    Converted c = PelotonJobConverter.convert(
        PelotonConvertersTest.example("helloworld_job.yaml"), "/pool", "default", null);
    Admitted a = ObjectAdmission.admit(ResourceTypes.JOB, c.object());
    assertTrue(a.ok(), a.errors()::toString);
    Job job = Codecs.json().treeToValue(a.object(), Job.class);
    List<EnvVar> env = job.spec().defaultConfig().command().environment()
        .variables();
    assertEquals(List.of("MESSAGE=HelloWorld", "SLEEP_SECONDS=300"),
        env.stream().map(v -> v.name() + "=" + v.value()).toList());
    assertEquals(List.of(), job.spec().defaultConfig().container().docker() == null
        ? List.of() : job.spec().defaultConfig().container().docker().parameters());
  }

  @Test
  void otherDockerParametersAreKeptWithAWarning() {
    JsonNode doc = yaml("""
        name: x
        defaultconfig:
          command: {value: 'echo $A', environment: {variables: [{name: A, value: mine}]}}
          container:
            type: 1
            docker:
              image: debian
              parameters:
                - {key: env, value: A=docker}
                - {key: env, value: B=2}
                - {key: memory-swappiness, value: "0"}
        """);
    Converted c = PelotonJobConverter.convert(doc, "/pool", "default", null);
    assertEquals("[{\"name\":\"B\",\"value\":\"2\"},{\"name\":\"A\",\"value\":\"mine\"}]",
        c.object().at("/spec/defaultConfig/command/environment/variables").toString());
    assertEquals("memory-swappiness",
        c.object().at("/spec/defaultConfig/container/docker/parameters/0/key").asText());
    assertEquals(List.of("Peloton field 'defaultconfig.container.docker.parameters[*]': Docker "
        + "parameter 'memory-swappiness' has no effect in Peloton-K (tasks do not run under "
        + "Docker); kept in the spec"), c.warnings());
  }

  @Test
  void dockerEnvWithoutAValueIsRefusedNamingTheField() {
    JsonNode doc = yaml("""
        name: x
        defaultconfig:
          container: {docker: {image: d, parameters: [{key: env, value: HOME}]}}
        """);
    PelotonSpecException e = assertThrows(PelotonSpecException.class,
        () -> PelotonJobConverter.convert(doc, "/pool", "default", null));
    assertEquals("defaultconfig.container.docker.parameters[0].value", e.field());
  }

  @Test
  void aFileThatIsNotAPoolSpecIsRefused() throws Exception {
    PelotonSpecException security = assertThrows(PelotonSpecException.class,
        () -> PelotonPoolConverter.convert(
            PelotonConvertersTest.example("auth/basic/security_example.yaml"), "/Auth"));
    assertEquals("users", security.field());
    assertTrue(security.getMessage().startsWith(
        "users: not a field of a Peloton resource pool spec; a pool file has"),
        security::getMessage);
    // a job file whose name matches the path is still a job file
    PelotonSpecException job = assertThrows(PelotonSpecException.class,
        () -> PelotonPoolConverter.convert(
            PelotonConvertersTest.example("helloworld_job.yaml"), "/HelloWorld"));
    assertTrue(job.getMessage().contains("this looks like a job spec: use 'job create'"),
        job::getMessage);
  }

  @Test
  void randomSuffixKeepsAValidJobName() {
    SplittableRandom random = new SplittableRandom(7);
    String once = PelotonNames.withRandomSuffix("testpelotonjob-123", random);
    assertTrue(once.matches("testpelotonjob-123-[bcdfghjklmnpqrstvwxz2456789]{5}"), once);
    String longName = PelotonNames.withRandomSuffix("a".repeat(56) + "-" + "b".repeat(6), random);
    assertEquals(62, longName.length(), longName);
    assertTrue(longName.startsWith("a".repeat(56) + "-"), longName);
    assertTrue(!longName.contains("--"), longName);
  }

  private static JsonNode yaml(String text) {
    try {
      return Codecs.readDocuments(text).get(0);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
