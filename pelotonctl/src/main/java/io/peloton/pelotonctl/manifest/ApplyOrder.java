package io.peloton.pelotonctl.manifest;

import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import java.util.Comparator;
import java.util.List;

/**
 * The order objects are sent in, whatever the order of files: pools before the jobs that run in
 * them, parent pools before children (kubernetes/kubernetes#64203 is the complaint this avoids).
 */
public final class ApplyOrder {
  private static final List<ResourceType> KINDS = List.of(ResourceTypes.RESOURCE_POOL,
      ResourceTypes.HOST, ResourceTypes.HOST_MAINTENANCE, ResourceTypes.LEASE, ResourceTypes.JOB,
      ResourceTypes.TASK, ResourceTypes.EVENT);

  private ApplyOrder() {}

  public static List<Manifest> sorted(List<Manifest> manifests) {
    return manifests.stream().sorted(Comparator
        .comparingInt((Manifest m) -> KINDS.indexOf(m.type()))
        .thenComparingInt(ApplyOrder::poolDepth)).toList();
  }

  /** How deep a pool's parent is: "/" is 0, "/a" is 1, "/a/b" is 2. */
  private static int poolDepth(Manifest m) {
    if (m.type() != ResourceTypes.RESOURCE_POOL) {
      return 0;
    }
    String parent = m.object().path("spec").path("parent").asText("/");
    return parent.equals("/") ? 0 : (int) parent.chars().filter(c -> c == '/').count();
  }
}
