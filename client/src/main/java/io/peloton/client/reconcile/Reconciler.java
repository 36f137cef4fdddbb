package io.peloton.client.reconcile;

/**
 * Drives the world toward the desired state of one object, identified by key. Level-triggered:
 * it reads current state itself and never learns whether the key came from an add, an update,
 * a delete or a resync. Throwing is the same as returning {@link Result#error}.
 */
@FunctionalInterface
public interface Reconciler<K> {
  Result reconcile(K key) throws Exception;
}
