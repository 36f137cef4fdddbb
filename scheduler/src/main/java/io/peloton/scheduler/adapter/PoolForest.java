package io.peloton.scheduler.adapter;

import io.peloton.api.pool.ResourcePool;
import io.peloton.api.pool.ResourcePoolSpec;
import io.peloton.scheduler.model.PoolResource;
import io.peloton.scheduler.model.PoolSpec;
import io.peloton.scheduler.model.ReservationType;
import io.peloton.scheduler.model.ResourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ResourcePool objects that form a usable tree, as model pool specs keyed by path ({@code parent +
 * "/" + name}). A pool whose parent chain does not reach the root, or whose spec is unusable, is left
 * out with a reason, and so is everything below it: its tasks then wait with "pool does not exist".
 */
public record PoolForest(Map<String, PoolSpec> specs, Map<String, ResourcePool> objects, Map<String, String> rejected) {

  public static PoolForest of(Collection<ResourcePool> pools) {
    Map<String, ResourcePool> byPath = new HashMap<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    for (ResourcePool p : pools) {
      String name = p.metadata() == null ? null : p.metadata().name();
      if (name == null || p.spec() == null) {
        continue;
      }
      String parent = p.spec().parent() == null || p.spec().parent().isEmpty() ? "/" : p.spec().parent();
      String path = parent.equals("/") ? "/" + name : parent + "/" + name;
      byPath.put(path, p);
    }
    Map<String, PoolSpec> specs = new LinkedHashMap<>();
    Map<String, ResourcePool> objects = new LinkedHashMap<>();
    // parents before children: sort by depth, then accept a pool only when its parent was accepted
    List<String> paths = new ArrayList<>(byPath.keySet());
    paths.sort((a, b) -> {
      int d = Long.compare(depth(a), depth(b));
      return d != 0 ? d : a.compareTo(b);
    });
    for (String path : paths) {
      ResourcePool p = byPath.get(path);
      int slash = path.lastIndexOf('/');
      String parent = slash == 0 ? "/" : path.substring(0, slash);
      if (!parent.equals("/") && !specs.containsKey(parent)) {
        rejected.put(path, "parent pool " + parent + " does not exist or is unusable");
        continue;
      }
      try {
        specs.put(path, toSpec(path, p.spec()));
        objects.put(path, p);
      } catch (IllegalArgumentException e) {
        rejected.put(path, e.getMessage());
      }
    }
    return new PoolForest(specs, objects, rejected);
  }

  private static long depth(String path) {
    return path.chars().filter(c -> c == '/').count();
  }

  private static PoolSpec toSpec(String path, ResourcePoolSpec spec) {
    Map<ResourceKind, PoolResource> resources = new EnumMap<>(ResourceKind.class);
    if (spec.resources() != null) {
      for (int i = 0; i < spec.resources().size(); i++) {
        ResourcePoolSpec.PoolResource r = spec.resources().get(i);
        if (r == null || r.kind() == null) {
          throw new InvalidObjectException("spec.resources[" + i + "].kind", "required");
        }
        double reservation = r.reservation() == null ? 0 : r.reservation();
        double limit = r.limit() == null ? reservation : r.limit();
        double share = r.share() == null ? 1 : r.share();
        ReservationType type = r.type() == ResourcePoolSpec.ReservationType.STATIC
            ? ReservationType.STATIC : ReservationType.ELASTIC;
        try {
          resources.put(kind(r.kind()), new PoolResource(reservation, limit, share, type));
        } catch (IllegalArgumentException e) {
          throw new InvalidObjectException("spec.resources[" + i + "]", e.getMessage());
        }
      }
    }
    Double controller = spec.controllerLimit() == null ? null : spec.controllerLimit().maxPercent();
    double slack = spec.slackLimit() == null || spec.slackLimit().maxPercent() == null
        ? PoolSpec.DEFAULT_SLACK_LIMIT_PERCENT : spec.slackLimit().maxPercent();
    return new PoolSpec(path, resources, controller, slack);
  }

  static ResourceKind kind(io.peloton.api.resource.ResourceKind k) {
    return switch (k) {
      case CPU -> ResourceKind.CPU;
      case MEMORY -> ResourceKind.MEMORY;
      case DISK -> ResourceKind.DISK;
      case GPU -> ResourceKind.GPU;
    };
  }
}
