package io.peloton.bridge.mesos;

import java.net.URI;

/**
 * Where the leading master is: scheme, host and port. A 307's protocol-relative
 * {@code Location: //host:port/path} moves it, keeping the scheme.
 */
public record MasterAddress(boolean ssl, String host, int port) {

  /** Parses {@code http://host:port} (any path is ignored; the port defaults to 5050). */
  public static MasterAddress parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("master: a URL such as http://127.0.0.1:5050 is required");
    }
    URI uri;
    try {
      uri = URI.create(url.contains("://") ? url : "http://" + url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("master: not a URL: '" + url + "'");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("master: no host in '" + url + "'");
    }
    boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
    return new MasterAddress(ssl, uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5050);
  }

  /** The address a redirect's Location header names (absolute or protocol-relative). */
  public MasterAddress redirectedTo(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("redirect without a Location header");
    }
    String absolute = location.startsWith("//") ? (ssl ? "https:" : "http:") + location : location;
    URI uri = URI.create(absolute);
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("redirect Location has no host: '" + location + "'");
    }
    int p = uri.getPort() > 0 ? uri.getPort() : port;
    boolean s = uri.getScheme() == null ? ssl : "https".equalsIgnoreCase(uri.getScheme());
    return new MasterAddress(s, uri.getHost(), p);
  }

  @Override
  public String toString() {
    return (ssl ? "https://" : "http://") + host + ":" + port;
  }
}
