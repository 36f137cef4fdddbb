package io.peloton.controllers.pool;

import io.peloton.api.pool.ResourcePool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pool tree as the cached pools describe it: a pool's path is its parent's path plus its
 * name; a pool whose parent chain is broken or loops has no path.
 */
public final class PoolTree {
  private final Map<String, ResourcePool> byName = new HashMap<>();

  private PoolTree(List<ResourcePool> pools) {
    for (ResourcePool p : pools) {
      byName.put(p.metadata().name(), p);
    }
  }

  public static PoolTree of(List<ResourcePool> pools) {
    return new PoolTree(pools);
  }

  public ResourcePool byName(String name) {
    return byName.get(name);
  }

  /** The pool at {@code path}, or null when no pool resolves to it. */
  public ResourcePool byPath(String path) {
    if (path == null || "/".equals(path)) {
      return null;
    }
    ResourcePool p = byName.get(lastElement(path));
    return p != null && path.equals(pathOf(p)) ? p : null;
  }

  /** The full path, or null when the parent is missing or the parents loop. */
  public String pathOf(ResourcePool pool) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ResourcePool p = pool;
    while (true) {
      String name = p.metadata().name();
      if (!seen.add(name)) {
        return null;
      }
      names.add(0, name);
      String parent = parentOf(p);
      if ("/".equals(parent)) {
        return "/" + String.join("/", names);
      }
      ResourcePool up = byName.get(lastElement(parent));
      if (up == null) {
        return null;
      }
      p = up;
    }
  }

  /** True when following parents from {@code pool} comes back to a pool already visited. */
  public boolean inCycle(ResourcePool pool) {
    Set<String> seen = new HashSet<>();
    ResourcePool p = pool;
    while (p != null) {
      if (!seen.add(p.metadata().name())) {
        return true;
      }
      String parent = parentOf(p);
      p = "/".equals(parent) ? null : byName.get(lastElement(parent));
    }
    return false;
  }

  /** Pools whose spec.parent is {@code path}. */
  public List<ResourcePool> childrenOf(String path) {
    List<ResourcePool> out = new ArrayList<>();
    for (ResourcePool p : byName.values()) {
      if (path.equals(parentOf(p))) {
        out.add(p);
      }
    }
    out.sort((a, b) -> a.metadata().name().compareTo(b.metadata().name()));
    return out;
  }

  public static String parentOf(ResourcePool p) {
    return p.spec() == null || p.spec().parent() == null ? "/" : p.spec().parent();
  }

  static String lastElement(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
