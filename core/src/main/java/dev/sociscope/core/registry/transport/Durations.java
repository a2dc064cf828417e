package dev.sociscope.core.registry.transport;

import dev.sociscope.core.error.InvalidRequestException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, also {@code 1m30s}) and back. */
public final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private Durations() {}

  /** Parses {@code text}; a one-line {@link InvalidRequestException} when it is not a positive duration. */
  public static Duration parse(String text) throws InvalidRequestException {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.lookingAt()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      end = m.end();
      m.region(end, t.length());
    }
    if (t.isEmpty() || end != t.length() || total.isZero()) {
      throw new InvalidRequestException("not a time-out: '" + text + "' (use a positive duration such as 500ms, 5s,"
          + " 2m or 1h)");
    }
    return total;
  }

  /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1m30s}, {@code 1h}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      b.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0 || b.length() == 0) {
      b.append(s).append('s');
    }
    return b.toString();
  }
}
