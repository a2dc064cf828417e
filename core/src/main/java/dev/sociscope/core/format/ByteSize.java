package dev.sociscope.core.format;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts for people, the same in the CLI and the GUI: printed in binary units ({@code 1.5 MiB}), and parsed as
 * people type them: {@code 65536}, {@code 64KiB}, {@code 4MiB}, {@code 1GiB}.
 *
 * <p>Units when parsing (case-insensitive, an optional space before the unit): {@code B}; {@code KiB}, {@code MiB},
 * {@code GiB}, {@code TiB}, {@code PiB}, {@code EiB} (what {@link #human} prints); and the short forms
 * {@code K}/{@code KB}, {@code M}/{@code MB}, {@code G}/{@code GB}, {@code T}/{@code TB} (and so on), which are <em>binary too</em> ({@code 64KB} = {@code 64KiB} = 65536), as in Docker's
 * {@code --memory} and {@code --shm-size}. There is no decimal kilobyte: span and layer sizes are powers of two, and
 * a flag that meant 1000 for {@code KB} but 1024 for {@code KiB} would be a trap. Only whole numbers are accepted
 * (no {@code 1.5MiB}, no sign, no hex).
 */
public final class ByteSize {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final Pattern SIZE = Pattern.compile("(-?)([0-9]+)\\s*([a-z]*)");
  private static final String EXAMPLES = "examples: 65536, 64KiB, 4MiB, 1GiB";

  private ByteSize() {}

  /**
   * {@code 512 B}, {@code 1.5 MiB}, {@code 120 GiB}: bytes below 1024 exactly, else the largest binary unit with
   * one decimal below 100 and none from 100 on. Negative counts (deltas) get a minus sign.
   */
  public static String human(long bytes) {
    if (bytes < 0) {
      // Long.MIN_VALUE has no positive counterpart; 8 EiB is what it rounds to anyway.
      return "-" + (bytes == Long.MIN_VALUE ? "8.0 EiB" : human(-bytes));
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
    // 1023.96 KiB would print as "1024 KiB": say "1.0 MiB" instead.
    if (Math.round(value) >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return value < 99.95 ? String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit])
        : String.format(Locale.ROOT, "%.0f %s", value, UNITS[unit]);
  }

  /** An exact count with thousands separators ({@code 13,117,538}). */
  public static String exact(long bytes) {
    return String.format(Locale.ROOT, "%,d", bytes);
  }

  /**
   * Parses a size of 0 or more bytes (a min layer size of 0 indexes every layer); see the class comment for units.
   *
   * @throws IllegalArgumentException with one line naming the value, for junk, negative values and values beyond
   *     {@link Long#MAX_VALUE}
   */
  public static long parse(String text) {
    return parse(text, "a byte size is 0 or more");
  }

  /**
   * Parses a size of at least one byte (span sizes, buffer sizes), as {@link #parse}.
   *
   * @throws IllegalArgumentException also for {@code 0}
   */
  public static long parsePositive(String text) {
    long n = parse(text, "this size must be at least 1 byte");
    if (n == 0) {
      throw new IllegalArgumentException("'" + text + "' is not a positive byte size (" + EXAMPLES + ")");
    }
    return n;
  }

  /** Parses as the class comment says; {@code negativeRule} words what a negative value breaks, for its error. */
  private static long parse(String text, String negativeRule) {
    String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Matcher m = SIZE.matcher(v);
    int shift = m.matches() ? shift(m.group(3)) : -1;
    if (shift < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a byte size (" + EXAMPLES + ")");
    }
    BigInteger n = new BigInteger(m.group(2)).shiftLeft(shift);
    if (m.group(1).equals("-") && n.signum() != 0) {
      throw new IllegalArgumentException("'" + text + "' is negative; " + negativeRule);
    }
    if (n.bitLength() > 63) {
      throw new IllegalArgumentException("'" + text + "' is too large a byte size (at most 8 EiB - 1 byte)");
    }
    return n.longValueExact();
  }

  /** The power of two a unit stands for, -1 for no unit we know. */
  private static int shift(String unit) {
    switch (unit) {
      case "": case "b": return 0;
      case "k": case "kb": case "kib": return 10;
      case "m": case "mb": case "mib": return 20;
      case "g": case "gb": case "gib": return 30;
      case "t": case "tb": case "tib": return 40;
      case "p": case "pb": case "pib": return 50;
      case "e": case "eb": case "eib": return 60;
      default: return -1;
    }
  }
}
