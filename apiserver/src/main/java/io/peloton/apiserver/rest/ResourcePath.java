package io.peloton.apiserver.rest;

import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.apiserver.service.ApiException;

/**
 * A parsed object URL under {@code /apis/peloton.io/v1/}: kind, namespace (namespaced kinds),
 * name and subresource, each optional where the URL allows it.
 */
record ResourcePath(ResourceType type, String namespace, String name, String subresource) {

  /** Parses the segments after {@code /apis/peloton.io/v1/}; unknown paths are a 404. */
  static ResourcePath parse(String rest) {
    String[] s = rest.isEmpty() ? new String[0] : rest.split("/", -1);
    String namespace = null;
    int i = 0;
    if (s.length >= 3 && s[0].equals("namespaces")) {
      namespace = s[1];
      i = 2;
    }
    if (i >= s.length || s[i].isEmpty()) {
      throw notFound(rest);
    }
    ResourceType type = ResourceTypes.byPlural(s[i]).orElseThrow(() -> notFound(rest));
    if (namespace != null && !type.namespaced()) {
      throw ApiException.notFound(type.plural() + " are cluster-scoped: use /apis/"
          + type.apiVersion() + "/" + type.plural());
    }
    String name = i + 1 < s.length ? s[i + 1] : null;
    String sub = i + 2 < s.length ? s[i + 2] : null;
    if (i + 3 < s.length || (name != null && name.isEmpty())
        || (sub != null && !sub.equals("status"))) {
      throw notFound(rest);
    }
    if (name != null && type.namespaced() && namespace == null) {
      throw ApiException.notFound(type.plural() + " are namespaced: use /apis/"
          + type.apiVersion() + "/namespaces/{namespace}/" + type.plural() + "/" + name);
    }
    return new ResourcePath(type, namespace, name, sub);
  }

  private static ApiException notFound(String rest) {
    return ApiException.notFound("the server could not find the requested resource: /apis/"
        + ResourceTypes.JOB.apiVersion() + "/" + rest);
  }
}
