package io.peloton.api.peloton;

import io.peloton.api.validation.NameFormats;
import java.util.Locale;

/** Turns Peloton's names and pool paths into our object names. */
public final class PelotonNames {
  private PelotonNames() {}

  /**
   * A valid Job name (DNS-1123 label) for a Peloton job name such as {@code TestPelotonJob_123}:
   * lower case, every run of other characters as one '-', at most 63 characters.
   */
  public static String jobName(String pelotonName) {
    String s = pelotonName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+", "");
    if (s.length() > 63) {
      s = s.substring(0, 63);
    }
    s = s.replaceAll("-+$", "");
    if (s.isEmpty()) {
      throw new PelotonSpecException("name", "'" + pelotonName
          + "' has no letters or digits to make a job name from");
    }
    return s;
  }

  /** Kubernetes' generateName alphabet: no vowels (no words), no look-alike characters. */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /**
   * {@code name} with a random 5-character suffix, as Kubernetes' {@code generateName} makes
   * one: Peloton gives every created job a new id, so creating one spec twice makes two jobs.
   */
  public static String withRandomSuffix(String name, java.util.random.RandomGenerator random) {
    StringBuilder suffix = new StringBuilder("-");
    for (int i = 0; i < 5; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    String base = name.length() > 63 - suffix.length()
        ? name.substring(0, 63 - suffix.length()).replaceAll("-+$", "") : name;
    return base + suffix;
  }

  /** The pool a path names: its last element. */
  public static String poolName(String path) {
    checkPath(path);
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The parent path of a pool path: {@code /} for a top-level pool. */
  public static String parentPath(String path) {
    checkPath(path);
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  /** Throws when {@code path} is not the path of a pool we can create (the root is not). */
  public static void checkPath(String path) {
    String problem = NameFormats.poolPath(path);
    if (problem != null) {
      throw new PelotonSpecException("", "resource pool path '" + path + "' " + problem);
    }
    if (path.equals("/")) {
      throw new PelotonSpecException("", "'/' is the root pool: it cannot be created or used");
    }
  }

  /** A path without a trailing '/', as Peloton's own lookup trims it. */
  public static String trimPath(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
