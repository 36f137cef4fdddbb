package io.peloton.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strictly decodes, defaults and validates objects of any kind; the API server's single entry
 * point into the object model.
 */
public final class ObjectAdmission {
  private static final Map<ResourceType, KindRules> RULES = Map.of(
      ResourceTypes.RESOURCE_POOL, new ResourcePoolRules(),
      ResourceTypes.JOB, new JobRules(),
      ResourceTypes.TASK, new TaskRules(),
      ResourceTypes.HOST, new HostRules(),
      ResourceTypes.HOST_MAINTENANCE, new HostMaintenanceRules(),
      ResourceTypes.EVENT, new EventRules(),
      ResourceTypes.LEASE, new LeaseRules());

  private ObjectAdmission() {}

  /**
   * Reads {@code input} as an object of {@code type}: unknown fields (at any depth) and values of
   * the wrong JSON type are errors, then defaults are applied and the kind's rules checked. All
   * problems are returned at once.
   */
  public static Admitted admit(ResourceType type, JsonNode input) {
    if (input == null || !input.isObject()) {
      return new Admitted(null, List.of(new FieldError("", FieldError.TYPE_INVALID,
          "Invalid value: " + FieldErrors.render(input) + ": must be a JSON object")));
    }
    KindRules rules = RULES.get(type);
    if (rules == null) {
      throw new IllegalArgumentException("no admission rules for kind " + type.kind());
    }
    FieldErrors structural = new FieldErrors();
    ObjectNode clean = (ObjectNode) StructuralCheck.clean(input, type.javaType(), "", structural);
    MetadataRules.applyDefaults(type, clean);
    rules.applyDefaults(clean);

    ApiObject object;
    try {
      object = RecordDecoder.decode(clean, type.javaType());
    } catch (Exception e) {
      // The structural check should make this unreachable; say so rather than hide it.
      List<FieldError> all = new ArrayList<>(structural.list());
      all.add(FieldError.invalid("", "cannot be decoded: " + e.getMessage()));
      return new Admitted(null, all);
    }
    FieldErrors semantic = new FieldErrors();
    MetadataRules.validate(type, object, semantic);
    rules.validate(object, semantic);

    List<FieldError> all = merged(structural, semantic);
    if (!all.isEmpty()) {
      return new Admitted(null, all);
    }
    // The checked, defaulted tree is the normalised object: it decoded into the record without
    // loss, and re-encoding the record (reflection on every accessor) cost as much as the rest
    // of admission. Only explicit nulls are dropped, as the record's encoding would.
    return new Admitted(withoutNulls(clean), List.of());
  }

  /**
   * Admits a status write: {@code object} is an admitted object (spec and metadata as stored)
   * with a new {@code status}; only the status is checked and normalised.
   */
  public static Admitted admitStatus(ResourceType type, ObjectNode object) {
    KindRules rules = RULES.get(type);
    if (rules == null) {
      throw new IllegalArgumentException("no admission rules for kind " + type.kind());
    }
    JsonNode status = object.get("status");
    if (status == null || status.isNull()) {
      object.remove("status");
      return new Admitted(object, List.of());
    }
    Class<?> statusType = statusType(type);
    FieldErrors structural = new FieldErrors();
    JsonNode clean = StructuralCheck.clean(status, statusType, "status", structural);
    FieldErrors semantic = new FieldErrors();
    if (clean != null && !clean.isNull()) {
      try {
        rules.validateStatus(RecordDecoder.decode(clean, statusType), semantic);
      } catch (Exception e) {
        structural.add(FieldError.invalid("status", "cannot be decoded: " + e.getMessage()));
      }
    }
    List<FieldError> all = merged(structural, semantic);
    if (!all.isEmpty()) {
      return new Admitted(null, all);
    }
    if (clean instanceof ObjectNode o) {
      object.set("status", withoutNulls(o));
    } else {
      object.remove("status");
    }
    return new Admitted(object, List.of());
  }

  /** Every structural error, then the semantic ones not about a field already reported. */
  private static List<FieldError> merged(FieldErrors structural, FieldErrors semantic) {
    List<FieldError> all = new ArrayList<>(structural.list());
    for (FieldError e : semantic.list()) {
      // A field dropped for a structural error would now look missing: report it once only.
      if (structural.list().stream().noneMatch(s -> covers(s.field(), e.field()))) {
        all.add(e);
      }
    }
    return List.copyOf(all);
  }

  private static Class<?> statusType(ResourceType type) {
    for (var c : type.javaType().getRecordComponents()) {
      if (c.getName().equals("status")) {
        return c.getType();
      }
    }
    throw new IllegalArgumentException(type.kind() + " has no status");
  }

  private static ObjectNode withoutNulls(ObjectNode node) {
    var it = node.fields();
    while (it.hasNext()) {
      JsonNode v = it.next().getValue();
      if (v.isNull()) {
        it.remove();
      } else if (v instanceof ObjectNode o) {
        withoutNulls(o);
      } else if (v.isArray()) {
        for (JsonNode item : v) {
          if (item instanceof ObjectNode o) {
            withoutNulls(o);
          }
        }
      }
    }
    return node;
  }

  /**
   * Decodes an admitted object into its record; throws IllegalArgumentException listing the
   * problems when it is not admissible.
   */
  public static <T extends ApiObject> T decode(ResourceType type, JsonNode input, Class<T> as) {
    Admitted a = admit(type, input);
    if (!a.ok()) {
      throw new IllegalArgumentException(type.kind() + " is invalid: " + a.errors());
    }
    return Codecs.json().convertValue(a.object(), as);
  }

  private static boolean covers(String outer, String inner) {
    return inner.equals(outer) || inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
  }
}
