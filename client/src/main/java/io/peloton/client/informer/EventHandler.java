package io.peloton.client.informer;

/**
 * Told about changes an informer sees, in order, on the informer's dispatch thread. Handlers
 * should be quick (enqueue a key); a slow handler delays every later notification.
 */
public interface EventHandler<T> {
  default void onAdd(T object) {}

  /** Also called with {@code oldObject == newObject} on a periodic resync. */
  default void onUpdate(T oldObject, T newObject) {}

  /**
   * @param finalStateUnknown true when the delete was inferred from a relist: the object is
   *     the last state this informer saw, not the state it was deleted in
   */
  default void onDelete(T object, boolean finalStateUnknown) {}

  /** A handler that does the same for every add, update (with the new object) and delete. */
  static <T> EventHandler<T> onAny(java.util.function.Consumer<T> action) {
    return new EventHandler<>() {
      @Override
      public void onAdd(T object) {
        action.accept(object);
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        action.accept(newObject);
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        action.accept(object);
      }
    };
  }
}
