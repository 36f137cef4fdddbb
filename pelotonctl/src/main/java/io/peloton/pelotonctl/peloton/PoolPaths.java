package io.peloton.pelotonctl.peloton;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.peloton.PelotonNames;
import io.peloton.api.peloton.PelotonSpecException;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.pelotonctl.CliException;

/** Finds the ResourcePool a Peloton path such as {@code /infra/compute} names. */
final class PoolPaths {
  private PoolPaths() {}

  /** The pool at {@code path}, or a CliException saying there is none. */
  static ObjectNode find(ApiClient client, String path) {
    String clean = PelotonNames.trimPath(path);
    String name;
    String parent;
    try {
      name = PelotonNames.poolName(clean);
      parent = PelotonNames.parentPath(clean);
    } catch (PelotonSpecException e) {
      throw new CliException(e.getMessage());
    }
    ObjectNode pool;
    try {
      pool = client.get(ResourceTypes.RESOURCE_POOL, null, name);
    } catch (ApiError e) {
      if (e.isNotFound()) {
        throw new CliException("resource pool " + clean + " not found");
      }
      throw e;
    }
    String actualParent = pool.path("spec").path("parent").asText("/");
    if (!actualParent.equals(parent)) {
      throw new CliException("resource pool " + clean + " not found (a pool named '" + name
          + "' exists under " + actualParent + ")");
    }
    return pool;
  }

  static String pathOf(ObjectNode pool) {
    String parent = pool.path("spec").path("parent").asText("/");
    String name = pool.path("metadata").path("name").asText();
    return parent.equals("/") ? "/" + name : parent + "/" + name;
  }
}
