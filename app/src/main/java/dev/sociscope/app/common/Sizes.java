package dev.sociscope.app.common;

import java.util.Locale;

/** Human-readable byte counts: binary units, one decimal below 100. */
public final class Sizes {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private Sizes() {}

  public static String human(long bytes) {
    if (bytes < 0) {
      return "-" + human(-(bytes + 1) + 1);
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return value < 100
        ? String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit])
        : String.format(Locale.ROOT, "%.0f %s", value, UNITS[unit]);
  }

  /** Exact count with thousands separators, for offsets shown next to a human size. */
  public static String exact(long bytes) {
    return String.format(Locale.ROOT, "%,d", bytes);
  }
}
