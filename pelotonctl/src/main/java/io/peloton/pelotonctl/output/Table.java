package io.peloton.pelotonctl.output;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's table: upper-case headers, left-aligned columns three spaces apart, no spaces inside
 * a cell and {@code <none>} for empty cells, so the output splits cleanly on whitespace.
 */
public final class Table {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean freeTextLast;
  private final boolean keepSpaces;
  private int[] widths;

  public Table(List<String> headers) {
    this(headers, false);
  }

  /** @param freeTextLast keep the last column as written (a message for people to read) */
  public Table(List<String> headers, boolean freeTextLast) {
    this(headers, freeTextLast, false);
  }

  private Table(List<String> headers, boolean freeTextLast, boolean keepSpaces) {
    this.headers = headers;
    this.freeTextLast = freeTextLast;
    this.keepSpaces = keepSpaces;
  }

  /** A table only people read ({@code describe}): cells keep their spaces, e.g. "3m (x5)". */
  public static Table forReading(List<String> headers) {
    return new Table(headers, true, true);
  }

  public void add(List<String> row) {
    List<String> cells = new ArrayList<>(row.stream()
        .map(v -> keepSpaces && v != null && !v.isEmpty() ? v : cell(v)).toList());
    if (freeTextLast && !row.isEmpty() && row.get(row.size() - 1) != null) {
      cells.set(cells.size() - 1, row.get(row.size() - 1));
    }
    rows.add(cells);
  }

  /** The header and every row added so far; later rows of a watch reuse these widths. */
  public List<String> render(boolean withHeader) {
    widths = new int[headers.size()];
    for (int i = 0; i < headers.size(); i++) {
      widths[i] = headers.get(i).length();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < r.size() && i < widths.length; i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    List<String> out = new ArrayList<>();
    if (withHeader) {
      out.add(line(headers));
    }
    rows.forEach(r -> out.add(line(r)));
    rows.clear();
    return out;
  }

  /** One more row, aligned with what was rendered before (wider cells just push right). */
  public String row(List<String> row) {
    if (widths == null) {
      rows.add(row.stream().map(Table::cell).toList());
      List<String> lines = render(false);
      return lines.get(0);
    }
    return line(row.stream().map(Table::cell).toList());
  }

  private String line(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      b.append(c);
      if (i < cells.size() - 1) {
        int w = i < widths.length ? widths[i] : c.length();
        b.append(" ".repeat(Math.max(0, w - c.length()) + 3));
      }
    }
    return b.toString();
  }

  static String cell(String v) {
    if (v == null || v.isEmpty()) {
      return "<none>";
    }
    return v.replaceAll("\\s+", "_");
  }
}
