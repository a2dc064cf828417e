package dev.sociscope.core.registry.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host is loopback: only {@code localhost}, a literal IPv4 address in {@code 127.0.0.0/8} and the literal
 * IPv6 address {@code ::1} count, after parsing. A name that merely starts with {@code 127.} (such as
 * {@code 127.0.0.1.example}) is an ordinary host name that DNS may point anywhere.
 */
public final class LoopbackHost {
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private LoopbackHost() {}

  /** {@code host} without a port; IPv6 may be in brackets. */
  public static boolean is(String host) {
    if (host == null || host.isEmpty()) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    boolean literal = DOTTED_QUAD.matcher(h).matches() || (h.contains(":") && IPV6_LITERAL.matcher(h).matches());
    if (!literal) {
      return false;
    }
    try {
      // A literal: parsed without any DNS look-up.
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The host part of {@code host[:port]} or {@code [v6][:port]}. */
  public static String withoutPort(String apiHost) {
    if (apiHost.startsWith("[")) {
      int end = apiHost.indexOf(']');
      return end > 0 ? apiHost.substring(0, end + 1) : apiHost;
    }
    int colon = apiHost.indexOf(':');
    return colon >= 0 && apiHost.indexOf(':', colon + 1) < 0 ? apiHost.substring(0, colon) : apiHost;
  }
}
