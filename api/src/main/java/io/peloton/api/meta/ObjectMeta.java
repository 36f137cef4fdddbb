package io.peloton.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Kubernetes-style object metadata shared by every kind. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObjectMeta(
    String name,
    String namespace,
    String uid,
    String resourceVersion,
    Long generation,
    String creationTimestamp,
    String deletionTimestamp,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<OwnerReference> ownerReferences,
    List<String> finalizers) {

  public static ObjectMeta named(String name) {
    return new ObjectMeta(name, null, null, null, null, null, null, null, null, null, null);
  }

  public static ObjectMeta named(String namespace, String name) {
    return new ObjectMeta(name, namespace, null, null, null, null, null, null, null, null, null);
  }

  public ObjectMeta withLabels(Map<String, String> newLabels) {
    return new ObjectMeta(name, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, newLabels, annotations, ownerReferences, finalizers);
  }

  public ObjectMeta withResourceVersion(String rv) {
    return new ObjectMeta(name, namespace, uid, rv, generation, creationTimestamp,
        deletionTimestamp, labels, annotations, ownerReferences, finalizers);
  }

  public ObjectMeta withFinalizers(List<String> newFinalizers) {
    return new ObjectMeta(name, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, labels, annotations, ownerReferences, newFinalizers);
  }

  public ObjectMeta withOwnerReferences(List<OwnerReference> refs) {
    return new ObjectMeta(name, namespace, uid, resourceVersion, generation, creationTimestamp,
        deletionTimestamp, labels, annotations, refs, finalizers);
  }
}
