package io.peloton.api.validation;

import static io.peloton.api.validation.JsonDefaults.array;
import static io.peloton.api.validation.JsonDefaults.object;
import static io.peloton.api.validation.JsonDefaults.setIfAbsent;
import static io.peloton.api.validation.StructuralCheck.child;
import static io.peloton.api.validation.StructuralCheck.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.pool.ResourcePool;
import io.peloton.api.pool.ResourcePoolSpec;
import io.peloton.api.pool.ResourcePoolSpec.PercentLimit;
import io.peloton.api.pool.ResourcePoolSpec.PoolResource;
import io.peloton.api.pool.ResourcePoolStatus;
import io.peloton.api.resource.ResourceAmounts;
import io.peloton.api.resource.ResourceKind;
import io.peloton.api.schema.RecordShapes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** ResourcePool defaults and checks ({@code respoolconfig_validator.go}, single-object part). */
final class ResourcePoolRules implements KindRules {
  /** Peloton's {@code _defaultSlackLimit}. */
  static final double DEFAULT_SLACK_LIMIT_PERCENT = 20;

  @Override
  public void applyDefaults(ObjectNode object) {
    ObjectNode spec = object(object, "spec", true);
    setIfAbsent(spec, "parent", "/");
    ArrayNode resources = array(spec, "resources");
    if (resources == null && JsonDefaults.absent(spec, "resources")) {
      resources = spec.putArray("resources");
    }
    if (resources != null) {
      Set<String> present = new HashSet<>();
      for (JsonNode r : resources) {
        if (r.isObject()) {
          ObjectNode res = (ObjectNode) r;
          present.add(res.path("kind").asText());
          setIfAbsent(res, "reservation", 0.0);
          setIfAbsent(res, "limit", res.path("reservation").asDouble());
          setIfAbsent(res, "share", 1.0);
          setIfAbsent(res, "type", "ELASTIC");
        }
      }
      // Peloton adds every kind a pool leaves out, with nothing reserved and no limit above it.
      for (String kind : RecordShapes.enumNames(ResourceKind.class)) {
        if (!present.contains(kind)) {
          resources.addObject().put("kind", kind).put("reservation", 0.0).put("limit", 0.0)
              .put("share", 1.0).put("type", "ELASTIC");
        }
      }
    }
    setIfAbsent(object(spec, "slackLimit", true), "maxPercent", DEFAULT_SLACK_LIMIT_PERCENT);
    setIfAbsent(spec, "policy", "PriorityFIFO");
  }

  @Override
  public void validate(ApiObject object, FieldErrors errors) {
    ResourcePool pool = (ResourcePool) object;
    ResourcePoolSpec spec = pool.spec();
    if (spec == null) {
      errors.required("spec");
    } else {
      spec(spec, errors);
    }
    if (pool.status() != null) {
      validateStatus(pool.status(), errors);
    }
  }

  @Override
  public void validateStatus(Object status, FieldErrors errors) {
    status((ResourcePoolStatus) status, errors);
  }

  private static void spec(ResourcePoolSpec spec, FieldErrors errors) {
    if (spec.parent() == null || spec.parent().isEmpty()) {
      errors.required("spec.parent", "the parent pool's path, '/' for a top-level pool");
    } else {
      errors.format("spec.parent", spec.parent(), NameFormats.poolPath(spec.parent()));
    }
    List<PoolResource> resources = spec.resources() == null ? List.of() : spec.resources();
    Set<ResourceKind> seen = EnumSet.noneOf(ResourceKind.class);
    for (int i = 0; i < resources.size(); i++) {
      PoolResource r = resources.get(i);
      String at = index("spec.resources", i);
      if (r.kind() == null) {
        errors.required(child(at, "kind"), "one of 'cpu', 'memory', 'disk', 'gpu'");
      } else if (!seen.add(r.kind())) {
        errors.duplicate(child(at, "kind"), r.kind());
      }
      errors.nonNegative(at, "reservation", r.reservation());
      errors.positive(at, "share", r.share());
      if (r.limit() != null && r.reservation() != null && r.limit() < r.reservation()) {
        errors.invalid(child(at, "limit"), r.limit(), "must be greater than or equal to "
            + "reservation (" + FieldErrors.render(r.reservation()) + ")");
      }
    }
    percent("spec.controllerLimit.maxPercent", spec.controllerLimit(), errors);
    percent("spec.slackLimit.maxPercent", spec.slackLimit(), errors);
  }

  private static void percent(String path, PercentLimit limit, FieldErrors errors) {
    if (limit != null) {
      errors.inRange(path, limit.maxPercent(), 0, 100);
    }
  }

  private static void status(ResourcePoolStatus s, FieldErrors errors) {
    if (s.path() != null) {
      errors.format("status.path", s.path(), NameFormats.poolPath(s.path()));
    }
    amounts("status.entitlement", s.entitlement(), errors);
    amounts("status.allocation", s.allocation(), errors);
    amounts("status.demand", s.demand(), errors);
    amounts("status.slackEntitlement", s.slackEntitlement(), errors);
    amounts("status.slackAllocation", s.slackAllocation(), errors);
    MetadataRules.conditions("status.conditions", s.conditions(), errors);
    errors.nonNegative("status.observedGeneration", s.observedGeneration());
  }

  /** Every amount in a ResourceAmounts must be non-negative. */
  static void amounts(String path, ResourceAmounts a, FieldErrors errors) {
    if (a == null) {
      return;
    }
    errors.nonNegative(path, "cpu", a.cpu());
    errors.nonNegative(path, "memory", a.memory());
    errors.nonNegative(path, "disk", a.disk());
    errors.nonNegative(path, "gpu", a.gpu());
  }
}
