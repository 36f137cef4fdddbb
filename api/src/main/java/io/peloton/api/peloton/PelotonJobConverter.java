package io.peloton.api.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.codec.Codecs;
import io.peloton.api.validation.NameFormats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts Peloton's {@code JobConfig} YAML (as {@code peloton job create} reads it: lower-case or
 * camelCase keys, numeric enums) into a Job in our format. Fields it does not use become
 * warnings; values it cannot convert are errors naming the Peloton field.
 */
public final class PelotonJobConverter {
  /** Annotation keeping the job's name as written in the Peloton spec. */
  public static final String PELOTON_NAME_ANNOTATION = "peloton.io/peloton-name";

  private PelotonJobConverter() {}

  /**
   * @param respoolPath the pool the job runs in (Peloton's CLI takes it from the command line)
   * @param name the Job name to use, or null to derive one from the spec's {@code name}
   */
  public static Converted convert(JsonNode document, String respoolPath, String namespace,
      String name) {
    Set<String> warnings = new LinkedHashSet<>();
    PelotonFields in = PelotonFields.root(document, warnings);
    String pelotonName = in.text("name");
    if (name == null) {
      if (pelotonName == null || pelotonName.isBlank()) {
        throw new PelotonSpecException("name", "required: the job's name");
      }
      name = PelotonNames.jobName(pelotonName);
    }

    ObjectNode job = Codecs.json().createObjectNode();
    job.put("apiVersion", ApiObject.API_VERSION).put("kind", "Job");
    ObjectNode meta = job.putObject("metadata");
    meta.put("name", name);
    Json.put(meta, "namespace", namespace);
    ObjectNode annotations = Codecs.json().createObjectNode();
    if (pelotonName != null && !pelotonName.equals(name)) {
      annotations.put(PELOTON_NAME_ANNOTATION, pelotonName);
    }
    Map<String, String> labels = in.labels("labels");
    if (labels != null) {
      ObjectNode good = Codecs.json().createObjectNode();
      labels.forEach((k, v) -> {
        if (NameFormats.qualifiedName(k) == null && NameFormats.labelValue(v) == null) {
          good.put(k, v);
        } else {
          // Not expressible as a label: keep it where nothing is lost.
          annotations.put(k, v);
          warnings.add("Peloton label '" + k + "' is not a valid label key/value; kept as an "
              + "annotation");
        }
      });
      Json.putIfNotEmpty(meta, "labels", good);
    }
    Json.putIfNotEmpty(meta, "annotations", annotations);

    in.ignore("changelog", "versions are kept by the API server (metadata.resourceVersion)");
    in.ignore("respoolid", "the pool comes from the RESPOOL argument ('" + respoolPath + "')");
    ObjectNode spec = job.putObject("spec");
    Json.put(spec, "type", PelotonEnum.JOB_TYPE.read(in, "type"));
    spec.put("respool", PelotonNames.trimPath(respoolPath));
    Json.put(spec, "instanceCount", in.integer("instancecount"));
    PelotonFields sla = in.object("sla");
    if (sla != null) {
      ObjectNode s = spec.putObject("sla");
      Json.put(s, "priority", sla.integer("priority"));
      Json.put(s, "preemptible", sla.bool("preemptible"));
      Json.put(s, "revocable", sla.bool("revocable"));
      Json.put(s, "maximumRunningInstances", sla.integer("maximumrunninginstances"));
      Json.put(s, "minimumRunningInstances", sla.integer("minimumrunninginstances"));
      Json.put(s, "maxRunningTime", sla.integer("maxrunningtime"));
      Json.put(s, "maximumUnavailableInstances", sla.integer("maximumunavailableinstances"));
      sla.finish();
    }
    PelotonFields defaults = in.object("defaultconfig");
    if (defaults != null) {
      spec.set("defaultConfig", taskConfig(defaults));
    }
    Map<String, PelotonFields> overrides = in.objectsByKey("instanceconfig");
    if (!overrides.isEmpty()) {
      ObjectNode out = spec.putObject("instanceConfig");
      overrides.forEach((instance, cfg) -> out.set(instance, taskConfig(cfg)));
    }
    Json.put(spec, "placementStrategy", PelotonEnum.PLACEMENT.read(in, "placementstrategy"));
    Json.put(spec, "owner", in.text("owner"));
    Json.put(spec, "owningTeam", in.text("owningteam"));
    Json.putTexts(spec, "ldapGroups", in.texts("ldapgroups"));
    Json.put(spec, "description", in.text("description"));
    in.finish();
    return new Converted(job, new ArrayList<>(warnings));
  }

  /** Peloton's {@code TaskConfig}. */
  private static ObjectNode taskConfig(PelotonFields in) {
    ObjectNode c = Codecs.json().createObjectNode();
    Json.put(c, "name", in.text("name"));
    Json.putMap(c, "labels", in.labels("labels"));
    PelotonFields r = in.object("resource");
    if (r != null) {
      ObjectNode res = c.putObject("resource");
      Json.put(res, "cpuLimit", r.number("cpulimit"));
      Json.put(res, "memLimitMb", r.number("memlimitmb"));
      Json.put(res, "diskLimitMb", r.number("disklimitmb"));
      Json.put(res, "gpuLimit", r.number("gpulimit"));
      Json.put(res, "fdLimit", r.integer("fdlimit"));
      r.finish();
    }
    PelotonFields command = in.object("command");
    if (command != null) {
      c.set("command", command(command));
    }
    ArrayNode volumes = Codecs.json().createArrayNode();
    PelotonFields container = in.object("container");
    if (container != null) {
      List<String[]> env = new ArrayList<>();
      Json.putIfNotEmpty(c, "container", container(container, volumes, env));
      DockerParameters.addEnvironment(c, env);
    }
    PelotonFields volume = in.object("volume");
    if (volume != null) {
      ObjectNode v = volumes.addObject().put("type", "PERSISTENT");
      Json.put(v, "containerPath", volume.text("containerpath"));
      Json.put(v, "sizeMb", volume.number("sizemb"));
      volume.finish();
    }
    if (!volumes.isEmpty()) {
      c.set("volumes", volumes);
    }
    List<PelotonFields> ports = in.objects("ports");
    if (!ports.isEmpty()) {
      ArrayNode out = c.putArray("ports");
      for (PelotonFields p : ports) {
        ObjectNode port = out.addObject();
        Json.put(port, "name", p.text("name"));
        Json.put(port, "value", p.integer("value"));
        Json.put(port, "envName", p.text("envname"));
        p.finish();
      }
    }
    PelotonFields constraint = in.object("constraint");
    if (constraint != null) {
      Json.putIfNotEmpty(c, "constraint", constraint(constraint));
    }
    PelotonFields restart = in.object("restartpolicy");
    if (restart != null) {
      ObjectNode rp = Codecs.json().createObjectNode();
      Json.put(rp, "maxFailures", restart.integer("maxfailures"));
      Json.putIfNotEmpty(c, "restartPolicy", rp);
      restart.finish();
    }
    PelotonFields health = in.object("healthcheck");
    if (health != null) {
      c.set("healthCheck", healthCheck(health));
    }
    Json.put(c, "killGracePeriodSeconds", in.integer("killgraceperiodseconds"));
    PelotonFields preemption = in.object("preemptionpolicy");
    if (preemption != null) {
      ObjectNode pp = Codecs.json().createObjectNode();
      Json.put(pp, "type", PelotonEnum.PREEMPTION_TYPE.read(preemption, "type"));
      Json.put(pp, "killOnPreempt", preemption.bool("killonpreempt"));
      Json.putIfNotEmpty(c, "preemptionPolicy", pp);
      preemption.finish();
    }
    Json.put(c, "controller", in.bool("controller"));
    Json.put(c, "revocable", in.bool("revocable"));
    in.finish();
    return c;
  }

  /** Mesos' {@code CommandInfo}. */
  private static ObjectNode command(PelotonFields in) {
    ObjectNode c = Codecs.json().createObjectNode();
    Json.put(c, "value", in.text("value"));
    Json.put(c, "shell", in.bool("shell"));
    Json.putTexts(c, "arguments", in.texts("arguments"));
    List<PelotonFields> uris = in.objects("uris");
    if (!uris.isEmpty()) {
      ArrayNode out = c.putArray("uris");
      for (PelotonFields u : uris) {
        ObjectNode uri = out.addObject();
        Json.put(uri, "value", u.text("value"));
        Json.put(uri, "executable", u.bool("executable"));
        Json.put(uri, "extract", u.bool("extract"));
        Json.put(uri, "cache", u.bool("cache"));
        Json.put(uri, "outputFile", u.text("outputfile"));
        u.finish();
      }
    }
    PelotonFields env = in.object("environment");
    if (env != null) {
      List<PelotonFields> vars = env.objects("variables");
      if (!vars.isEmpty()) {
        ArrayNode out = c.putObject("environment").putArray("variables");
        for (PelotonFields v : vars) {
          ObjectNode var = out.addObject();
          Json.put(var, "name", v.text("name"));
          Json.put(var, "value", v.text("value"));
          v.finish();
        }
      }
      env.finish();
    }
    Json.put(c, "user", in.text("user"));
    in.finish();
    return c;
  }

  /** Mesos' {@code ContainerInfo}; its host volumes go to the task's volumes. */
  private static ObjectNode container(PelotonFields in, ArrayNode volumes, List<String[]> env) {
    ObjectNode c = Codecs.json().createObjectNode();
    Json.put(c, "type", PelotonEnum.CONTAINER_TYPE.read(in, "type"));
    PelotonFields docker = in.object("docker");
    if (docker != null) {
      Json.put(c, "image", docker.text("image"));
      ObjectNode d = Codecs.json().createObjectNode();
      Json.put(d, "network", PelotonEnum.DOCKER_NETWORK.read(docker, "network"));
      DockerParameters.convert(docker.objects("parameters"), d, env);
      Json.put(d, "privileged", docker.bool("privileged"));
      Json.put(d, "forcePullImage", docker.bool("forcepullimage"));
      Json.putIfNotEmpty(c, "docker", d);
      docker.finish();
    }
    PelotonFields mesos = in.object("mesos");
    if (mesos != null) {
      PelotonFields image = mesos.object("image");
      if (image != null) {
        String imageType = PelotonEnum.IMAGE_TYPE.read(image, "type");
        PelotonFields named = image.object("APPC".equals(imageType) ? "appc" : "docker");
        if (named != null) {
          Json.put(c, "image", named.text("name"));
          named.finish();
        }
        image.finish();
      }
      mesos.finish();
    }
    for (PelotonFields v : in.objects("volumes")) {
      ObjectNode vol = volumes.addObject().put("type", "HOST_PATH");
      Json.put(vol, "containerPath", v.text("containerpath"));
      Json.put(vol, "hostPath", v.text("hostpath"));
      Json.put(vol, "mode", PelotonEnum.VOLUME_MODE.read(v, "mode"));
      v.finish();
    }
    in.finish();
    return c;
  }

  /** Peloton's {@code Constraint} tree. */
  private static ObjectNode constraint(PelotonFields in) {
    ObjectNode c = Codecs.json().createObjectNode();
    Json.put(c, "type", PelotonEnum.CONSTRAINT_TYPE.read(in, "type"));
    PelotonFields label = in.object("labelconstraint");
    if (label != null) {
      ObjectNode l = c.putObject("labelConstraint");
      Json.put(l, "kind", PelotonEnum.LABEL_KIND.read(label, "kind"));
      Json.put(l, "condition", PelotonEnum.CONDITION.read(label, "condition"));
      PelotonFields kv = label.object("label");
      if (kv != null) {
        ObjectNode lv = l.putObject("label");
        Json.put(lv, "key", kv.text("key"));
        Json.put(lv, "value", kv.text("value"));
        kv.finish();
      }
      Json.put(l, "requirement", label.integer("requirement"));
      label.finish();
    }
    for (String junction : new String[] {"andConstraint", "orConstraint"}) {
      PelotonFields j = in.object(junction);
      if (j != null) {
        ArrayNode subs = c.putObject(junction).putArray("constraints");
        j.objects("constraints").forEach(sub -> subs.add(constraint(sub)));
        j.finish();
      }
    }
    in.finish();
    return c;
  }

  /** Peloton's {@code HealthCheckConfig}. */
  private static ObjectNode healthCheck(PelotonFields in) {
    ObjectNode h = Codecs.json().createObjectNode();
    Json.put(h, "enabled", in.bool("enabled"));
    Json.put(h, "type", PelotonEnum.HEALTH_CHECK_TYPE.read(in, "type"));
    Json.put(h, "initialIntervalSecs", in.integer("initialintervalsecs"));
    Json.put(h, "intervalSecs", in.integer("intervalsecs"));
    Json.put(h, "maxConsecutiveFailures", in.integer("maxconsecutivefailures"));
    Json.put(h, "timeoutSecs", in.integer("timeoutsecs"));
    PelotonFields command = in.object("commandcheck");
    if (command != null) {
      ObjectNode cc = h.putObject("commandCheck");
      Json.put(cc, "command", command.text("command"));
      Json.put(cc, "unshareEnvironments", command.bool("unshareenvironments"));
      command.finish();
    }
    PelotonFields http = in.object("httpcheck");
    if (http != null) {
      ObjectNode hc = h.putObject("httpCheck");
      Json.put(hc, "scheme", http.text("scheme"));
      Json.put(hc, "port", http.integer("port"));
      Json.put(hc, "path", http.text("path"));
      http.finish();
    }
    in.finish();
    return h;
  }
}
