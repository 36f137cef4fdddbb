package io.peloton.api.validation;

import static io.peloton.api.validation.StructuralCheck.child;
import static io.peloton.api.validation.StructuralCheck.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.meta.Condition;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.api.meta.OwnerReference;
import io.peloton.api.time.Rfc3339;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Checks and defaults common to every kind: apiVersion, kind, metadata, conditions. */
final class MetadataRules {
  static final String DEFAULT_NAMESPACE = "default";
  private static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  private MetadataRules() {}

  static void applyDefaults(ResourceType type, ObjectNode object) {
    JsonDefaults.setIfAbsent(object, "apiVersion", ApiObject.API_VERSION);
    JsonDefaults.setIfAbsent(object, "kind", type.kind());
    if (type.namespaced()) {
      JsonDefaults.setIfAbsent(JsonDefaults.object(object, "metadata", true), "namespace",
          DEFAULT_NAMESPACE);
    }
  }

  static void validate(ResourceType type, ApiObject object, FieldErrors errors) {
    if (!ApiObject.API_VERSION.equals(object.apiVersion())) {
      errors.notSupported("apiVersion", object.apiVersion(), List.of(ApiObject.API_VERSION));
    }
    if (!type.kind().equals(object.kind())) {
      errors.notSupported("kind", object.kind(), List.of(type.kind()));
    }
    ObjectMeta m = object.metadata();
    if (m == null) {
      errors.required("metadata");
      return;
    }
    if (m.name() == null || m.name().isEmpty()) {
      errors.required("metadata.name");
    } else {
      errors.format("metadata.name", m.name(), nameFormat(type).apply(m.name()));
    }
    if (type.namespaced()) {
      if (m.namespace() != null) {
        errors.format("metadata.namespace", m.namespace(), NameFormats.dns1123Label(m.namespace()));
      }
    } else if (m.namespace() != null && !m.namespace().isEmpty()) {
      errors.forbidden("metadata.namespace", type.kind() + " is cluster-scoped: it has no namespace");
    }
    errors.nonNegative("metadata.generation", m.generation());
    timestamp("metadata.creationTimestamp", m.creationTimestamp(), errors);
    timestamp("metadata.deletionTimestamp", m.deletionTimestamp(), errors);
    labels("metadata.labels", m.labels(), errors);
    annotations(m.annotations(), errors);
    ownerReferences(m.ownerReferences(), errors);
    if (m.finalizers() != null) {
      for (int i = 0; i < m.finalizers().size(); i++) {
        errors.format(index("metadata.finalizers", i), m.finalizers().get(i),
            NameFormats.qualifiedName(m.finalizers().get(i)));
      }
    }
  }

  /** Which name syntax each kind uses. */
  static Function<String, String> nameFormat(ResourceType type) {
    if (type == ResourceTypes.RESOURCE_POOL) {
      return NameFormats::poolName;
    }
    if (type == ResourceTypes.JOB) {
      // Task names are "<job>-<instance>", and the job name is a label value on its tasks.
      return NameFormats::dns1123Label;
    }
    return NameFormats::dns1123Subdomain;
  }

  static void labels(String path, Map<String, String> labels, FieldErrors errors) {
    if (labels == null) {
      return;
    }
    labels.forEach((k, v) -> {
      String keyProblem = keyProblem(k);
      String valueProblem = v == null ? null : NameFormats.labelValue(v);
      if (keyProblem != null || valueProblem != null) {
        errors.format(index(path, k), k, keyProblem);
        errors.format(index(path, k), v, valueProblem);
      }
    });
  }

  private static String keyProblem(String key) {
    String p = NameFormats.qualifiedName(key);
    return p == null ? null : "key " + p;
  }

  private static void annotations(Map<String, String> annotations, FieldErrors errors) {
    if (annotations == null) {
      return;
    }
    long bytes = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      String problem = keyProblem(e.getKey());
      if (problem != null) {
        errors.invalid(index("metadata.annotations", e.getKey()), e.getKey(), problem);
      }
      bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (bytes > MAX_ANNOTATIONS_BYTES) {
      errors.add(FieldError.invalid("metadata.annotations",
          "Too long: must have at most " + MAX_ANNOTATIONS_BYTES + " bytes"));
    }
  }

  private static void ownerReferences(List<OwnerReference> refs, FieldErrors errors) {
    if (refs == null) {
      return;
    }
    int controllers = 0;
    for (int i = 0; i < refs.size(); i++) {
      OwnerReference r = refs.get(i);
      String at = index("metadata.ownerReferences", i);
      if (r.apiVersion() == null || r.apiVersion().isEmpty()) {
        errors.required(child(at, "apiVersion"));
      }
      if (r.kind() == null || r.kind().isEmpty()) {
        errors.required(child(at, "kind"));
      }
      if (r.name() == null || r.name().isEmpty()) {
        errors.required(child(at, "name"));
      }
      if (r.uid() == null || r.uid().isEmpty()) {
        errors.required(child(at, "uid"));
      }
      if (Boolean.TRUE.equals(r.controller()) && ++controllers == 2) {
        errors.invalid(child(at, "controller"), true, "only one reference can have controller set to true");
      }
    }
  }

  static void timestamp(String path, String value, FieldErrors errors) {
    if (value != null) {
      errors.format(path, value, Rfc3339.problem(value));
    }
  }

  /** Checks a status' conditions: type and status set, status True/False/Unknown, no repeats. */
  static void conditions(String path, List<Condition> conditions, FieldErrors errors) {
    if (conditions == null) {
      return;
    }
    java.util.Set<String> types = new java.util.HashSet<>();
    for (int i = 0; i < conditions.size(); i++) {
      Condition c = conditions.get(i);
      String at = index(path, i);
      if (c.type() == null || c.type().isEmpty()) {
        errors.required(child(at, "type"));
      } else if (!types.add(c.type())) {
        errors.duplicate(child(at, "type"), c.type());
      }
      if (c.status() == null) {
        errors.required(child(at, "status"));
      } else if (!List.of(Condition.TRUE, Condition.FALSE, Condition.UNKNOWN).contains(c.status())) {
        errors.notSupported(child(at, "status"), c.status(),
            List.of(Condition.TRUE, Condition.FALSE, Condition.UNKNOWN));
      }
      if (c.reason() != null && !c.reason().isEmpty()) {
        errors.format(child(at, "reason"), c.reason(), NameFormats.camelCaseWord(c.reason()));
      }
      timestamp(child(at, "lastTransitionTime"), c.lastTransitionTime(), errors);
      errors.nonNegative(at, "observedGeneration", c.observedGeneration());
    }
  }
}
