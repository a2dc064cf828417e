package dev.sociscope.core.format;

import java.util.Locale;

/**
 * Byte counts for people, the same in the CLI and the GUI: binary units ({@code 1.5 MiB}), and sizes as people
 * type them: {@code 65536}, {@code 64KiB}, {@code 4MiB}, {@code 1GiB}. The short forms {@code k}, {@code M},
 * {@code G} (with or without {@code B}) are binary too, as in {@code dd} and upstream's flags; there is no decimal
 * kilobyte here, because span and layer sizes are powers of two.
 */
public final class ByteSize {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final String[][] SUFFIXES = {{"kib", "10"}, {"mib", "20"}, {"gib", "30"}, {"tib", "40"},
      {"kb", "10"}, {"mb", "20"}, {"gb", "30"}, {"tb", "40"}, {"k", "10"}, {"m", "20"}, {"g", "30"}, {"t", "40"},
      {"b", "0"}};

  private ByteSize() {}

  /** {@code 512 B}, {@code 1.5 MiB}, {@code 120 GiB}: one decimal below 100 of a unit. */
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
    return value < 100 ? String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit])
        : String.format(Locale.ROOT, "%.0f %s", value, UNITS[unit]);
  }

  /** An exact count with thousands separators ({@code 13,117,538}). */
  public static String exact(long bytes) {
    return String.format(Locale.ROOT, "%,d", bytes);
  }

  /**
   * Parses a size: a whole number of bytes with an optional binary unit. Zero is allowed (a min layer size of 0
   * indexes every layer); callers that need a positive size say so.
   *
   * @throws IllegalArgumentException with one line naming the value, for junk, negative values and overflow
   */
  public static long parse(String text) {
    String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    int shift = 0;
    for (String[] s : SUFFIXES) {
      if (v.endsWith(s[0]) && v.length() > s[0].length()) {
        shift = Integer.parseInt(s[1]);
        v = v.substring(0, v.length() - s[0].length()).trim();
        break;
      }
    }
    if (!v.matches("[0-9]{1,19}")) {
      throw new IllegalArgumentException("'" + text + "' is not a byte size (examples: 65536, 64KiB, 4MiB)");
    }
    try {
      long n = Long.parseLong(v);
      if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
        throw new ArithmeticException();
      }
      return n << shift;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too large a byte size");
    }
  }
}
