package io.peloton.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Blocking access to one kind as typed records, over an {@link ApiClient}. Safe to share between
 * threads.
 */
public final class TypedClient<T extends ApiObject> {
  /** Page size used by {@link #listAll}: big enough to be quick, small enough to stay bounded. */
  private static final long PAGE = 500;

  private final ApiClient api;
  private final ResourceType type;
  private final Class<T> javaType;

  public TypedClient(ApiClient api, Class<T> javaType) {
    this.api = api;
    this.javaType = javaType;
    this.type = ApiClient.typeOf(javaType);
  }

  public static <T extends ApiObject> TypedClient<T> of(ApiClient api, Class<T> javaType) {
    return new TypedClient<>(api, javaType);
  }

  public ResourceType type() {
    return type;
  }

  public Class<T> javaType() {
    return javaType;
  }

  public ApiClient api() {
    return api;
  }

  /** The object, or an {@link ApiError} that {@link ApiError#isNotFound()} when absent. */
  public T get(String namespace, String name) {
    return decode(api.get(type, namespace, name));
  }

  public T get(ObjectKey key) {
    return get(key.namespace(), key.name());
  }

  /** One page (or everything, without a limit). */
  public TypedList<T> list(String namespace, ListOptions options) {
    ObjectList page = api.list(type, namespace, options);
    return new TypedList<>(decodeAll(page.items()), page.resourceVersion(),
        page.continueToken());
  }

  /** Every matching object, paging through one consistent snapshot. */
  public TypedList<T> listAll(String namespace, ListOptions options) {
    List<T> items = new ArrayList<>();
    String cont = null;
    String rv;
    do {
      ObjectList page = api.list(type, namespace, options.withLimit(PAGE, cont));
      items.addAll(decodeAll(page.items()));
      rv = page.resourceVersion();
      cont = page.continueToken();
    } while (cont != null);
    return new TypedList<>(items, rv, null);
  }

  public T create(T object) {
    return decode(api.create(type, object.metadata().namespace(), ApiClient.tree(object)));
  }

  /** Replaces spec and metadata; a stale resourceVersion is a Conflict. */
  public T update(T object) {
    return decode(api.update(type, ApiClient.tree(object)));
  }

  /** Replaces status only; a stale resourceVersion is a Conflict. */
  public T updateStatus(T object) {
    if (!type.hasStatus()) {
      throw new IllegalArgumentException(type.kind() + " has no status subresource");
    }
    return decode(api.updateStatus(type, ApiClient.tree(object)));
  }

  /** JSON merge patch of the object, or of its status. */
  public T patch(String namespace, String name, JsonNode mergePatch, boolean status) {
    return decode(api.patch(type, namespace, name, mergePatch, status));
  }

  /** Deletes (or, with finalizers, marks for deletion); returns the object's last state. */
  public T delete(String namespace, String name) {
    return decode(api.delete(type, namespace, name));
  }

  /**
   * Opens a watch; events arrive in order on one reader thread. {@code onEnd} is called once:
   * with null when closed normally or by the server, else with the error (410 for a compacted
   * resourceVersion is an {@link ApiError} with {@link ApiError#isGone()}).
   */
  public WatchStream watch(String namespace, ListOptions options,
      Consumer<TypedWatchEvent<T>> onEvent, Consumer<Throwable> onEnd) {
    return api.watch(type, namespace, options, e -> onEvent.accept(decode(e)), onEnd);
  }

  /** Turns a raw watch event into a typed one. */
  public TypedWatchEvent<T> decode(WatchEvent e) {
    T object = "BOOKMARK".equals(e.type()) ? null : decode(e.object());
    return new TypedWatchEvent<>(e.type(), object, e.resourceVersion());
  }

  public T decode(ObjectNode node) {
    return node == null ? null : ApiClient.as(node, javaType);
  }

  private List<T> decodeAll(List<ObjectNode> nodes) {
    List<T> out = new ArrayList<>(nodes.size());
    for (ObjectNode n : nodes) {
      out.add(decode(n));
    }
    return out;
  }
}
