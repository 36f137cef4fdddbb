package io.peloton.apiserver.storage;

import java.util.List;

/**
 * A page of a range read.
 *
 * @param revision the store revision the page was read at (pass it back to read the next page)
 * @param more whether keys remain after the last one returned
 */
public record Page(List<KeyValue> items, long revision, boolean more) {}
