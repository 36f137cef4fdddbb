package io.peloton.apiserver.service;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A JSON list answer assembled from items already rendered as JSON, without re-encoding them. */
public final class RenderedList {
  private static final byte[] CLOSE = {']', '}'};

  private RenderedList() {}

  /**
   * {@code head} (the list object up to and including {@code "items":[}), the items separated by
   * commas, then the closing {@code ]}}.
   */
  public static byte[] of(String head, List<byte[]> items) {
    byte[] open = head.getBytes(StandardCharsets.UTF_8);
    int size = open.length + CLOSE.length + Math.max(0, items.size() - 1);
    for (byte[] item : items) {
      size += item.length;
    }
    byte[] out = new byte[size];
    System.arraycopy(open, 0, out, 0, open.length);
    int at = open.length;
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] item = items.get(i);
      System.arraycopy(item, 0, out, at, item.length);
      at += item.length;
    }
    System.arraycopy(CLOSE, 0, out, at, CLOSE.length);
    return out;
  }
}
