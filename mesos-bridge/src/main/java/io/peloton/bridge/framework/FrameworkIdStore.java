package io.peloton.bridge.framework;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.lease.Lease;
import io.peloton.api.lease.LeaseSpec;
import io.peloton.api.meta.ObjectMeta;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.TypedClient;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the Mesos framework ID in the store, as annotation {@code peloton.io/mesos-framework-id}
 * of the dedicated cluster-scoped Lease {@code <leaseName>-framework}, so every bridge replica
 * re-subscribes as the same framework and keeps its tasks. Blocking: call from worker threads.
 */
public final class FrameworkIdStore {
  public static final String ANNOTATION = "peloton.io/mesos-framework-id";

  private final TypedClient<Lease> leases;
  private final String objectName;
  private volatile String cached;

  public FrameworkIdStore(ApiClient api, String objectName) {
    this.leases = api.typed(Lease.class);
    this.objectName = objectName;
  }

  public String objectName() {
    return objectName;
  }

  /** The stored framework ID, if any. */
  public Optional<String> load() {
    try {
      Lease l = leases.get(null, objectName);
      Map<String, String> ann = l.metadata().annotations();
      String id = ann == null ? null : ann.get(ANNOTATION);
      cached = id;
      return Optional.ofNullable(id);
    } catch (ApiError e) {
      if (e.isNotFound()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The last ID loaded or saved by this replica, without a store round trip. */
  public Optional<String> cached() {
    return Optional.ofNullable(cached);
  }

  /** Stores {@code id} (creating the object the first time); no-op when unchanged. */
  public void save(String id) {
    if (id.equals(cached)) {
      return;
    }
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    patch.putObject("metadata").putObject("annotations").put(ANNOTATION, id);
    try {
      leases.patch(null, objectName, patch, false);
    } catch (ApiError e) {
      if (!e.isNotFound()) {
        throw e;
      }
      ObjectMeta meta = new ObjectMeta(objectName, null, null, null, null, null, null, null,
          Map.of(ANNOTATION, id), null, null);
      try {
        leases.create(new Lease(io.peloton.api.ApiObject.API_VERSION, "Lease", meta,
            new LeaseSpec("mesos-framework", 3600, null, null, 0)));
      } catch (ApiError conflict) {
        if (!conflict.isAlreadyExists()) {
          throw conflict;
        }
        leases.patch(null, objectName, patch, false);
      }
    }
    cached = id;
  }
}
