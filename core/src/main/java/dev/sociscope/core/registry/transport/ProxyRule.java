package dev.sociscope.core.registry.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code NO_PROXY} entry, as curl and Go read them: {@code *} (everything), a domain ({@code example.com} or
 * {@code .example.com}: the domain and its subdomains), a host with a port ({@code host:5000}), an IP address or a
 * CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}).
 */
record ProxyRule(String domain, int port, byte[] network, int prefixBits, boolean all) {
  private static final Pattern IP_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  static List<ProxyRule> parseList(String noProxy) {
    List<ProxyRule> rules = new ArrayList<>();
    if (noProxy == null) {
      return rules;
    }
    for (String raw : noProxy.split("[,\\s]+")) {
      String e = raw.strip().toLowerCase(Locale.ROOT);
      if (!e.isEmpty()) {
        rules.add(parse(e));
      }
    }
    return rules;
  }

  static ProxyRule parse(String e) {
    if (e.equals("*")) {
      return new ProxyRule(null, -1, null, 0, true);
    }
    int slash = e.indexOf('/');
    if (slash > 0) {
      byte[] net = literal(e.substring(0, slash));
      try {
        int bits = Integer.parseInt(e.substring(slash + 1));
        if (net != null && bits >= 0 && bits <= net.length * 8) {
          return new ProxyRule(null, -1, net, bits, false);
        }
      } catch (NumberFormatException ignored) {
        // not a CIDR block: treated as a (never matching) name below
      }
    }
    String host = e;
    int port = -1;
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      if (end > 0) {
        port = portAfter(host, end + 1);
        host = host.substring(1, end);
      }
    } else if (host.indexOf(':') > 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      port = portAfter(host, host.indexOf(':'));
      host = host.substring(0, host.indexOf(':'));
    }
    byte[] ip = literal(host);
    if (ip != null) {
      return new ProxyRule(null, port, ip, ip.length * 8, false);
    }
    if (host.startsWith("*.")) {
      host = host.substring(1);
    }
    if (host.startsWith(".")) {
      host = host.substring(1);
    }
    return new ProxyRule(host, port, null, 0, false);
  }

  private static int portAfter(String s, int colon) {
    if (colon >= s.length() || s.charAt(colon) != ':') {
      return -1;
    }
    try {
      return Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The address bytes of an IP literal, or null for a name (no DNS look-up is made). */
  static byte[] literal(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.isEmpty() || !IP_CHARS.matcher(h).matches() || (!h.contains(":") && h.chars().filter(c -> c == '.')
        .count() != 3)) {
      return null;
    }
    try {
      return InetAddress.getByName(h).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** Whether a request to {@code host} (lower case, no brackets) on {@code port} bypasses the proxy. */
  boolean matches(String host, int port) {
    if (all) {
      return true;
    }
    if (this.port >= 0 && this.port != port) {
      return false;
    }
    if (network != null) {
      byte[] ip = literal(host);
      return ip != null && ip.length == network.length && inPrefix(ip);
    }
    return host.equals(domain) || host.endsWith("." + domain);
  }

  private boolean inPrefix(byte[] ip) {
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (ip[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (ip[full] & mask) == (network[full] & mask);
  }
}
