package io.peloton.apiserver.storage;

import io.peloton.apiserver.storage.etcd.EtcdStore;
import io.peloton.apiserver.storage.sqlite.SqliteStore;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens a Store from a URL ({@code sqlite:FILE[?recover=true]} or {@code etcd://h:p[,h:p]});
 * {@code recover=true} serves a SQLite store that lost revisions instead of refusing it.
 */
public final class StoreUrl {
  static final String USAGE = "store URL must be sqlite:<file>[?recover=true] or "
      + "etcd://host:port[,host:port]";
  private static final String RECOVER = "?recover=true";

  private StoreUrl() {}

  /** Opens the store the URL names; throws IllegalArgumentException for a malformed URL. */
  public static Store open(String url) {
    return open(url, null);
  }

  /**
   * Opens the store the URL names, letting an etcd client share {@code vertx} (may be null);
   * throws IllegalArgumentException for a malformed URL.
   */
  public static Store open(String url, Vertx vertx) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(USAGE + ", got an empty value");
    }
    String trimmed = url.trim();
    if (trimmed.startsWith("sqlite:")) {
      boolean recover = trimmed.endsWith(RECOVER);
      String plain = recover ? trimmed.substring(0, trimmed.length() - RECOVER.length()) : trimmed;
      return SqliteStore.open(sqliteFile(plain), recover);
    }
    if (trimmed.startsWith("etcd://")) {
      return new EtcdStore(etcdEndpoints(trimmed), vertx);
    }
    throw new IllegalArgumentException(USAGE + ", got '" + url + "'");
  }

  /** {@code url} asking a SQLite store to recover (unchanged for other stores or if it does). */
  public static String withRecover(String url) {
    return url.startsWith("sqlite:") && !url.endsWith(RECOVER) ? url + RECOVER : url;
  }

  /** The file of a {@code sqlite:} URL ({@code sqlite:///abs/path} is accepted too). */
  static Path sqliteFile(String url) {
    String file = url.substring("sqlite:".length());
    if (file.startsWith("//")) {
      file = file.substring(2);
    }
    if (file.isEmpty() || file.startsWith(":memory:") || file.contains("?")) {
      throw new IllegalArgumentException(USAGE + ", got '" + url + "' (no usable file name)");
    }
    return Path.of(file);
  }

  /** The {@code http://host:port} endpoints of an {@code etcd://} URL. */
  static List<String> etcdEndpoints(String url) {
    String rest = url.substring("etcd://".length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    List<String> endpoints = new ArrayList<>();
    for (String endpoint : rest.split(",", -1)) {
      int colon = endpoint.lastIndexOf(':');
      String host = colon > 0 ? endpoint.substring(0, colon) : "";
      String port = colon > 0 ? endpoint.substring(colon + 1) : "";
      if (host.isEmpty() || host.contains("/") || !validPort(port)) {
        throw new IllegalArgumentException(USAGE + ", got '" + url + "' ('" + endpoint
            + "' is not host:port with a port from 1 to 65535)");
      }
      endpoints.add("http://" + host + ":" + port);
    }
    return endpoints;
  }

  private static boolean validPort(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int value = Integer.parseInt(port);
    return value >= 1 && value <= 65535;
  }
}
