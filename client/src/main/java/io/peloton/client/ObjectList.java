package io.peloton.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A list response.
 *
 * @param resourceVersion the store revision the list is consistent at (start a watch here)
 * @param continueToken null on the last page
 */
public record ObjectList(List<ObjectNode> items, String resourceVersion, String continueToken) {}
