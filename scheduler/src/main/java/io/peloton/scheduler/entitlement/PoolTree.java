package io.peloton.scheduler.entitlement;

import io.peloton.scheduler.model.PoolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The pool hierarchy indexed for fast top-down passes: node 0 is the implicit root "/". */
public final class PoolTree {
  private final String[] paths;
  private final PoolSpec[] specs;
  private final int[] parents;
  private final int[][] children;
  private final int[] topDownOrder;
  private final Map<String, Integer> indexByPath;

  private PoolTree(List<PoolSpec> ordered) {
    int n = ordered.size() + 1;
    paths = new String[n];
    specs = new PoolSpec[n];
    parents = new int[n];
    indexByPath = new HashMap<>(n * 2);
    paths[0] = "/";
    parents[0] = -1;
    indexByPath.put("/", 0);
    for (int i = 1; i < n; i++) {
      PoolSpec spec = ordered.get(i - 1);
      paths[i] = spec.path();
      specs[i] = spec;
      indexByPath.put(spec.path(), i);
    }
    List<List<Integer>> kids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      kids.add(new ArrayList<>());
    }
    for (int i = 1; i < n; i++) {
      parents[i] = indexByPath.get(specs[i].parentPath());
      kids.get(parents[i]).add(i);
    }
    children = new int[n][];
    for (int i = 0; i < n; i++) {
      children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    // ordered by depth, so every parent precedes its children
    topDownOrder = new int[n];
    for (int i = 0; i < n; i++) {
      topDownOrder[i] = i;
    }
  }

  /**
   * Builds the tree, rejecting duplicate paths and pools whose parent is missing, with a message
   * naming the pool.
   */
  public static PoolTree of(List<PoolSpec> pools) {
    Map<String, PoolSpec> byPath = new HashMap<>(pools.size() * 2);
    for (PoolSpec p : pools) {
      if (byPath.putIfAbsent(p.path(), p) != null) {
        throw new IllegalArgumentException("pools[" + p.path() + "]: duplicate pool path");
      }
    }
    for (PoolSpec p : pools) {
      String parent = p.parentPath();
      if (!parent.equals("/") && !byPath.containsKey(parent)) {
        throw new IllegalArgumentException("pools[" + p.path() + "].parent: pool " + parent + " does not exist");
      }
    }
    List<PoolSpec> ordered = new ArrayList<>(pools);
    ordered.sort((a, b) -> {
      int da = depth(a.path());
      int db = depth(b.path());
      return da != db ? Integer.compare(da, db) : a.path().compareTo(b.path());
    });
    return new PoolTree(ordered);
  }

  private static int depth(String path) {
    int d = 0;
    for (int i = 0; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        d++;
      }
    }
    return d;
  }

  public int size() {
    return paths.length;
  }

  public String path(int node) {
    return paths[node];
  }

  /** The spec of a node; null for the root. */
  public PoolSpec spec(int node) {
    return specs[node];
  }

  public int parent(int node) {
    return parents[node];
  }

  public int[] children(int node) {
    return children[node];
  }

  public boolean isLeaf(int node) {
    return node != 0 && children[node].length == 0;
  }

  /** Node index for a path, or -1. */
  public int indexOf(String path) {
    Integer i = indexByPath.get(path);
    return i == null ? -1 : i;
  }

  /** Node indices with every parent before its children. */
  public int[] topDownOrder() {
    return topDownOrder;
  }

  public List<String> paths() {
    List<String> out = new ArrayList<>(paths.length);
    Collections.addAll(out, paths);
    return out;
  }
}
