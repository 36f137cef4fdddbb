package io.peloton.client.reconcile;

import io.peloton.api.ApiObject;
import io.peloton.client.ObjectKey;
import io.peloton.client.informer.EventHandler;
import io.peloton.client.workqueue.WorkQueue;
import java.util.function.Function;

/**
 * An informer handler that turns every add, update, delete and resync into the key of the
 * object to reconcile: the object's own key, or one mapped from it (a Task's Job, say).
 */
public final class EnqueueKeys<T extends ApiObject, K> implements EventHandler<T> {
  private final WorkQueue<K> queue;
  private final Function<T, K> keyOf;

  public EnqueueKeys(WorkQueue<K> queue, Function<T, K> keyOf) {
    this.queue = queue;
    this.keyOf = keyOf;
  }

  /** Enqueues each object's own {@code namespace/name}. */
  public static <T extends ApiObject> EnqueueKeys<T, ObjectKey> byObjectKey(
      WorkQueue<ObjectKey> queue) {
    return new EnqueueKeys<>(queue, ObjectKey::of);
  }

  @Override
  public void onAdd(T object) {
    enqueue(object);
  }

  @Override
  public void onUpdate(T oldObject, T newObject) {
    enqueue(newObject);
  }

  @Override
  public void onDelete(T object, boolean finalStateUnknown) {
    enqueue(object);
  }

  private void enqueue(T object) {
    K key = keyOf.apply(object);
    if (key != null) {
      queue.add(key);
    }
  }
}
