package io.peloton.client;

import java.util.List;

/**
 * A list response of typed records.
 *
 * @param resourceVersion the store revision the list is consistent at (start a watch here)
 * @param continueToken null on the last page
 */
public record TypedList<T>(List<T> items, String resourceVersion, String continueToken) {
  public TypedList {
    items = List.copyOf(items);
  }
}
