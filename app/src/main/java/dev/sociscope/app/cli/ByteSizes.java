package dev.sociscope.app.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses sizes such as {@code 65536}, {@code 64KiB}, {@code 4MiB}, {@code 1M}, {@code 2k} (binary units), and prints
 * them back in binary units for the CLI's tables.
 */
final class ByteSizes implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    return parse(value);
  }

  static long parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    String[][] units = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"}, {"k", "1024"},
        {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}};
    for (String[] u : units) {
      if (v.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        v = v.substring(0, v.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      long n = Long.parseLong(v);
      if (n <= 0) {
        throw new TypeConversionException("size must be positive: '" + value + "'");
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException("not a byte size: '" + value + "' (examples: 65536, 64KiB, 4MiB)");
    }
  }

  /** {@code 1.5 MiB}: one decimal in the largest binary unit up to TiB; callers print bytes below 1024 themselves. */
  static String binary(long bytes) {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u < 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
