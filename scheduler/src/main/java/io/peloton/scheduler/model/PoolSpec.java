package io.peloton.scheduler.model;

import java.util.EnumMap;
import java.util.Map;

/**
 * A node of the pool tree, named by its path ("/a/b"; the parent is the path's prefix, "/" is the
 * implicit root). Percent limits follow Peloton: controller tasks may use {@code controllerLimitPercent}
 * of the reservation (null = unlimited); revocable tasks may use {@code slackLimitPercent} of the
 * reservation of memory, disk and gpu.
 */
public record PoolSpec(
    String path, Map<ResourceKind, PoolResource> resources, Double controllerLimitPercent, double slackLimitPercent) {
  /** Peloton's default slack limit when a pool does not set one. */
  public static final double DEFAULT_SLACK_LIMIT_PERCENT = 20;

  public PoolSpec {
    if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("//")) {
      throw new IllegalArgumentException("pool path must look like /a or /a/b, was '" + path + "'");
    }
    EnumMap<ResourceKind, PoolResource> copy = new EnumMap<>(ResourceKind.class);
    for (ResourceKind k : ResourceKind.values()) {
      PoolResource r = resources == null ? null : resources.get(k);
      copy.put(k, r == null ? PoolResource.ABSENT : r);
    }
    resources = java.util.Collections.unmodifiableMap(copy);
    if (controllerLimitPercent != null && (controllerLimitPercent < 0 || controllerLimitPercent > 100)) {
      throw new IllegalArgumentException(
          "pool " + path + ": controllerLimitPercent must be within 0..100, was " + controllerLimitPercent);
    }
    if (Double.isNaN(slackLimitPercent) || slackLimitPercent < 0 || slackLimitPercent > 100) {
      throw new IllegalArgumentException(
          "pool " + path + ": slackLimitPercent must be within 0..100, was " + slackLimitPercent);
    }
  }

  /** A pool without a controller limit and with Peloton's default 20% slack limit. */
  public static PoolSpec of(String path, Map<ResourceKind, PoolResource> resources) {
    return new PoolSpec(path, resources, null, DEFAULT_SLACK_LIMIT_PERCENT);
  }

  public PoolResource resource(ResourceKind kind) {
    return resources.get(kind);
  }

  /** The parent's path, "/" for a top-level pool. */
  public String parentPath() {
    int i = path.lastIndexOf('/');
    return i == 0 ? "/" : path.substring(0, i);
  }

  public Resources reservation() {
    return Resources.of(resource(ResourceKind.CPU).reservation(), resource(ResourceKind.MEMORY).reservation(),
        resource(ResourceKind.DISK).reservation(), resource(ResourceKind.GPU).reservation());
  }

  public Resources limit() {
    return Resources.of(resource(ResourceKind.CPU).limit(), resource(ResourceKind.MEMORY).limit(),
        resource(ResourceKind.DISK).limit(), resource(ResourceKind.GPU).limit());
  }
}
