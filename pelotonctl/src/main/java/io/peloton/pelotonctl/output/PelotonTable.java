package io.peloton.pelotonctl.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Peloton's CLI tables (Go tabwriter with AlignRight|Debug, padding 2): every cell right-aligned
 * and followed by '|'.
 */
public final class PelotonTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public PelotonTable(List<String> headers) {
    this.headers = headers;
  }

  public void add(List<String> row) {
    rows.add(row.stream().map(c -> c == null ? "" : c).toList());
  }

  public List<String> render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> r : rows) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    List<String> out = new ArrayList<>();
    out.add(line(headers, widths));
    rows.forEach(r -> out.add(line(r, widths)));
    return out;
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      b.append(" ".repeat(widths[i] + 2 - c.length())).append(c).append('|');
    }
    return b.toString();
  }
}
