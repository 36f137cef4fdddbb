package io.peloton.apiserver.storage;

/** PLACEHOLDER: opens a Store from a URL ({@code sqlite:FILE} or {@code etcd://h:p[,h:p]}). */
public final class StoreUrl {
  private StoreUrl() {}

  /** Opens the store the URL names; throws IllegalArgumentException for a malformed URL. */
  public static Store open(String url) {
    throw new UnsupportedOperationException("not yet");
  }
}
