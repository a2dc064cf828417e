package dev.sociscope.core.profile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network link for download-time estimates: bandwidth and round-trip time. Seconds are estimated as round trips
 * spent waiting plus bytes over bandwidth; see {@link StartupProfile.Seconds} for which round trips count.
 *
 * @param bitsPerSecond bandwidth
 * @param rttSeconds round-trip time
 */
public record Link(double bitsPerSecond, double rttSeconds) {
  private static final Pattern RATE = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmg]?)(bit|b)(?:ps|/s)?\\s*");
  private static final Pattern DURATION = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s)\\s*");

  public Link {
    if (!(bitsPerSecond > 0) || !(rttSeconds >= 0)) {
      throw new IllegalArgumentException("a link needs a positive bandwidth and a round-trip time of 0 or more");
    }
  }

  /** 100 Mbit/s with a 20 ms round trip: a typical cloud region to a registry in another one. */
  public static Link typical() {
    return new Link(100e6, 0.020);
  }

  /** {@code 100Mbit}, {@code 1Gbit}, {@code 500kbit}, {@code 12.5MB} (bytes), with an optional {@code ps}. */
  public static double parseBandwidth(String text) {
    Matcher m = RATE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a bandwidth (use e.g. 100Mbit, 1Gbit, 12.5MB)");
    }
    double v = Double.parseDouble(m.group(1));
    switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k": v *= 1e3; break;
      case "m": v *= 1e6; break;
      case "g": v *= 1e9; break;
      default: break;
    }
    double bits = m.group(3).equals("B") ? v * 8 : v;
    if (!(bits > 0)) {
      throw new IllegalArgumentException("'" + text + "': the bandwidth must be above 0");
    }
    return bits;
  }

  /** {@code 20ms}, {@code 0.5s}. */
  public static double parseRtt(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a round-trip time (use e.g. 20ms or 0.1s)");
    }
    double v = Double.parseDouble(m.group(1));
    return m.group(2).equalsIgnoreCase("ms") ? v / 1000 : v;
  }

  /** {@code roundTrips} waits plus the time to move {@code bytes}. */
  public double seconds(long bytes, long roundTrips) {
    return roundTrips * rttSeconds + bytes * 8 / bitsPerSecond;
  }
}
