package dev.sociscope.core.tar;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Formats modification times as upstream does on a UTC machine (Go layout {@code 2006-01-02T15:04:05.999999999Z07:00}). */
public final class ModTimes {
  private ModTimes() {}

  /** RFC 3339 in UTC with up to 9 fractional digits, trailing zeros removed, and {@code Z}. */
  public static String format(long epochSeconds, int nanos) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, nanos, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(32);
    int year = t.getYear();
    if (year < 0) {
      sb.append('-');
      year = -year;
    }
    pad(sb, year, 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2);
    int n = t.getNano();
    if (n != 0) {
      StringBuilder frac = new StringBuilder();
      pad(frac, n, 9);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.append('Z').toString();
  }

  private static StringBuilder pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
