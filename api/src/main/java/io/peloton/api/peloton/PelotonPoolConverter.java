package io.peloton.api.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.codec.Codecs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Converts Peloton's {@code ResourcePoolConfig} YAML (as {@code peloton respool create} reads it)
 * into a ResourcePool, whose name and parent come from the pool path like Peloton's CLI.
 */
public final class PelotonPoolConverter {
  /** Every top-level field of Peloton's {@code ResourcePoolConfig}. */
  private static final Set<String> POOL_FIELDS = Set.of("changelog", "name", "owningteam",
      "ldapgroups", "description", "resources", "parent", "controllerlimit", "slacklimit",
      "policy");
  /** Fields only a job spec has: naming them tells the user which file they gave. */
  private static final Set<String> JOB_FIELDS = Set.of("instancecount", "defaultconfig",
      "instanceconfig", "sla", "type", "respoolid");

  private PelotonPoolConverter() {}

  public static Converted convert(JsonNode document, String path) {
    String cleanPath = PelotonNames.trimPath(path);
    String name = PelotonNames.poolName(cleanPath);
    Set<String> warnings = new LinkedHashSet<>();
    PelotonFields in = PelotonFields.root(document, warnings);
    refuseOtherSpecs(in);

    String given = in.text("name");
    if (given != null && !given.equals(name)) {
      throw new PelotonSpecException("name", "'" + given + "' must equal the last element of the"
          + " pool path '" + cleanPath + "' ('" + name + "')");
    }
    if (in.take("parent") != null) {
      throw new PelotonSpecException("parent", "must not be set: the parent comes from the pool "
          + "path '" + cleanPath + "'");
    }
    in.ignore("changelog", "versions are kept by the API server (metadata.resourceVersion)");

    ObjectNode pool = Codecs.json().createObjectNode();
    pool.put("apiVersion", ApiObject.API_VERSION).put("kind", "ResourcePool");
    pool.putObject("metadata").put("name", name);
    ObjectNode spec = pool.putObject("spec");
    spec.put("parent", PelotonNames.parentPath(cleanPath));
    Json.put(spec, "owningTeam", in.text("owningteam"));
    Json.putTexts(spec, "ldapGroups", in.texts("ldapgroups"));
    Json.put(spec, "description", in.text("description"));

    List<PelotonFields> resources = in.objects("resources");
    if (!resources.isEmpty()) {
      ArrayNode out = spec.putArray("resources");
      for (PelotonFields r : resources) {
        ObjectNode res = out.addObject();
        String kind = r.text("kind");
        if (kind == null) {
          throw new PelotonSpecException(r.at("kind"), "required: one of cpu, memory, disk, gpu");
        }
        res.put("kind", kind.toLowerCase(java.util.Locale.ROOT));
        Json.put(res, "reservation", r.number("reservation"));
        Json.put(res, "limit", r.number("limit"));
        Json.put(res, "share", r.number("share"));
        Json.put(res, "type", PelotonEnum.RESERVATION_TYPE.read(r, "type"));
        r.finish();
      }
    }
    PelotonFields controller = in.object("controllerlimit");
    if (controller != null) {
      Json.putObject(spec, "controllerLimit", "maxPercent", controller.number("maxpercent"));
      controller.finish();
    }
    PelotonFields slack = in.object("slacklimit");
    if (slack != null) {
      Json.putObject(spec, "slackLimit", "maxPercent", slack.number("maxpercent"));
      slack.finish();
    }
    Json.put(spec, "policy", PelotonEnum.POLICY.read(in, "policy"));
    in.finish();
    return new Converted(pool, new ArrayList<>(warnings));
  }

  /**
   * A top-level field a pool does not have means the file is something else (a job spec, a
   * security config): converting what is left would create a pool nobody described.
   */
  private static void refuseOtherSpecs(PelotonFields in) {
    List<String> foreign = in.keysOtherThan(POOL_FIELDS);
    if (foreign.isEmpty()) {
      return;
    }
    // some key is a job field when excluding job fields leaves fewer keys than there are
    boolean job = in.keysOtherThan(JOB_FIELDS).size() < in.keysOtherThan(Set.of()).size();
    throw new PelotonSpecException(foreign.get(0), "not a field of a Peloton resource pool "
        + "spec" + (job ? " (this looks like a job spec: use 'job create')" : "")
        + "; a pool file has " + String.join(", ", new java.util.TreeSet<>(POOL_FIELDS)));
  }
}
