package io.peloton.apiserver.rest;

import io.peloton.apiserver.service.ApiException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Set;

/**
 * The media types a write may carry. Anything else is a 415 before the body is read: a web page
 * can send {@code text/plain} or a form to any address without the browser asking first, so a
 * body in such a type must never be taken for JSON (it would let any page create a Job).
 */
final class MediaTypes {
  static final Set<String> WRITABLE = Set.of(
      "application/json", "application/yaml", "application/x-yaml", "text/yaml",
      "application/merge-patch+json", "application/strategic-merge-patch+json",
      "application/json-patch+json", "application/apply-patch+yaml");

  private MediaTypes() {}

  /** Throws a 415 when {@code req} sends a body in a type other than {@link #WRITABLE}. */
  static void checkWrite(HttpServerRequest req) {
    HttpMethod m = req.method();
    boolean write = m == HttpMethod.POST || m == HttpMethod.PUT || m == HttpMethod.PATCH;
    if (!write && !hasBody(req)) {
      return;
    }
    String header = req.getHeader("Content-Type");
    String type = header == null ? "" : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!WRITABLE.contains(type)) {
      throw ApiException.unsupportedMediaType((header == null
          ? "a request body needs a Content-Type"
          : "Content-Type '" + header + "' is not supported")
          + "; send application/json or application/yaml (PATCH: application/merge-patch+json"
          + " or application/apply-patch+yaml)");
    }
  }

  private static boolean hasBody(HttpServerRequest req) {
    String length = req.getHeader("Content-Length");
    return req.getHeader("Transfer-Encoding") != null
        || (length != null && !length.trim().equals("0"));
  }
}
