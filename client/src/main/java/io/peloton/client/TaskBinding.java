package io.peloton.client;

/**
 * One placement decision: put Task {@code name} on {@code host}.
 *
 * @param resourceVersion the Task version the decision was made on; the binding is refused with
 *     409 Conflict if the Task changed since (null: bind whatever the version)
 */
public record TaskBinding(String name, String host, String resourceVersion) {}
