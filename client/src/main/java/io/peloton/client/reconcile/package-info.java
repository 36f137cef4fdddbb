/**
 * The controller shape: informer handlers enqueue keys; worker threads call a
 * {@link io.peloton.client.reconcile.Reconciler} and act on its
 * {@link io.peloton.client.reconcile.Result}.
 */
package io.peloton.client.reconcile;
