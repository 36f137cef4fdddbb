package io.peloton.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Outcome of a server-side apply.
 *
 * @param outcome created, configured or unchanged
 */
public record Applied(ObjectNode object, String outcome) {}
