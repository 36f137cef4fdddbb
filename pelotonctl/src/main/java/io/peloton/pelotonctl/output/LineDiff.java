package io.peloton.pelotonctl.output;

import java.util.ArrayList;
import java.util.List;

/** A unified-style line diff (longest common subsequence; objects are small enough). */
public final class LineDiff {
  private LineDiff() {}

  /** Lines prefixed ' ', '-' or '+'; empty when the texts are equal. */
  public static List<String> diff(List<String> a, List<String> b) {
    if (a.equals(b)) {
      return List.of();
    }
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        out.add(" " + a.get(i++));
        j++;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.add("+" + b.get(j++));
      } else {
        out.add("-" + a.get(i++));
      }
    }
    return out;
  }
}
