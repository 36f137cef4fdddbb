package io.peloton.api.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations the way kubectl users write them: {@code 90s}, {@code 15m}, {@code 1h30m},
 * {@code 500ms}, {@code 2d}; ISO-8601 ({@code PT1H30M}) is accepted too.
 */
public final class DurationText {
  private static final Pattern WHOLE = Pattern.compile("(\\d+(?:ms|d|h|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  private DurationText() {}

  /** Parses a duration; throws IllegalArgumentException saying what is expected. */
  public static Duration parse(String text) {
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(expected());
      }
    }
    if (!WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(expected());
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
    }
    return total;
  }

  /** Formats as e.g. {@code 1h30m}, {@code 45s}, {@code 0s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long h = d.toHours();
    int m = d.toMinutesPart();
    int s = d.toSecondsPart();
    int ms = d.toMillisPart();
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (m > 0) {
      sb.append(m).append('m');
    }
    if (s > 0) {
      sb.append(s).append('s');
    }
    if (ms > 0) {
      sb.append(ms).append("ms");
    }
    return sb.toString();
  }

  /** Null when {@code text} parses, else what is expected. */
  public static String problem(String text) {
    try {
      parse(text);
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String expected() {
    return "must be a duration such as '90s', '15m', '1h30m' or '2d'";
  }
}
