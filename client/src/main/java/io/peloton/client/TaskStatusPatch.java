package io.peloton.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON merge patch of Task {@code name}'s status, as the batch {@code taskstatuses} endpoint
 * takes it.
 *
 * @param resourceVersion the Task version the patch was computed on; the patch is refused with
 *     409 Conflict if the Task changed since (null: patch whatever the version)
 */
public record TaskStatusPatch(String name, ObjectNode status, String resourceVersion) {}
