package io.peloton.pelotonctl.peloton;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceTypes;
import io.peloton.api.peloton.PelotonNames;
import io.peloton.api.peloton.PelotonSpecException;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.pelotonctl.CliException;

/** Finds a Job by the id {@code job create} printed, or by its Peloton name. */
final class JobNames {
  private JobNames() {}

  static ObjectNode find(ApiClient client, String namespace, String id) {
    try {
      return client.get(ResourceTypes.JOB, namespace, id);
    } catch (ApiError e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
    String derived;
    try {
      derived = PelotonNames.jobName(id);
    } catch (PelotonSpecException e) {
      derived = id;
    }
    if (!derived.equals(id)) {
      try {
        return client.get(ResourceTypes.JOB, namespace, derived);
      } catch (ApiError e) {
        if (!e.isNotFound()) {
          throw e;
        }
      }
    }
    throw new CliException("job " + id + " not found in namespace " + namespace);
  }
}
