package dev.sociscope.core.registry.transport;

import dev.sociscope.core.error.InvalidRequestException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Credentials;

/**
 * The proxy rules every tool of this ecosystem honours: {@code HTTPS_PROXY} for https, {@code HTTP_PROXY} for
 * http (upper case first, then lower case, as Go reads them), {@code NO_PROXY} exceptions ({@link ProxyRule}), and
 * never a proxy for loopback. HTTPS goes through the proxy with CONNECT; credentials in the proxy URL
 * ({@code http://user:pass@proxy:3128}) are sent as {@code Proxy-Authorization} ({@link #authenticator()}), never
 * logged. A per-registry override (the GUI's proxy field) wins over the environment.
 */
public final class EnvironmentProxies extends ProxySelector {
  /** The override value that means "no proxy for this registry". */
  public static final String DIRECT = "direct";

  private final URI httpsProxy;
  private final String httpsSource;
  private final URI httpProxy;
  private final String httpSource;
  private final List<ProxyRule> noProxy;
  private final Map<String, URI> overrides = new HashMap<>();

  private EnvironmentProxies(Map<String, String> env) throws InvalidRequestException {
    String[] https = first(env, "HTTPS_PROXY", "https_proxy");
    String[] http = first(env, "HTTP_PROXY", "http_proxy");
    this.httpsProxy = https == null ? null : parseProxy(https[1], https[0]);
    this.httpsSource = https == null ? null : https[0];
    this.httpProxy = http == null ? null : parseProxy(http[1], http[0]);
    this.httpSource = http == null ? null : http[0];
    String[] no = first(env, "NO_PROXY", "no_proxy");
    this.noProxy = ProxyRule.parseList(no == null ? null : no[1]);
  }

  public static EnvironmentProxies fromEnvironment() throws InvalidRequestException {
    return of(System.getenv());
  }

  public static EnvironmentProxies of(Map<String, String> env) throws InvalidRequestException {
    return new EnvironmentProxies(env);
  }

  /**
   * Sets the proxy for one registry ({@code host[:port]}): a proxy URL, {@link #DIRECT}, or empty to follow the
   * environment.
   */
  public EnvironmentProxies override(String hostKey, String setting) throws InvalidRequestException {
    String key = hostKey.toLowerCase(Locale.ROOT);
    if (setting == null || setting.isBlank()) {
      overrides.remove(key);
    } else if (setting.strip().equalsIgnoreCase(DIRECT)) {
      overrides.put(key, null);
    } else {
      overrides.put(key, parseProxy(setting.strip(), "the proxy setting of " + hostKey));
    }
    return this;
  }

  private static String[] first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return new String[] {n, v.strip()};
      }
    }
    return null;
  }

  static URI parseProxy(String value, String source) throws InvalidRequestException {
    String v = value.contains("://") ? value : "http://" + value;
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("socks5") && !scheme.equals("socks5h")) {
        throw new InvalidRequestException(source + ": proxy scheme " + scheme + " is not supported (use http:// or"
            + " socks5://)");
      }
      if (uri.getHost() == null) {
        throw new InvalidRequestException(source + ": not a proxy URL (expected http://HOST:PORT)");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidRequestException(source + ": not a proxy URL (expected http://HOST:PORT)");
    }
  }

  /** The proxy for a request to {@code scheme://host:port} and the reason. */
  public ProxyChoice choose(String scheme, String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    String bracketed = h.contains(":") ? "[" + h + "]" : h;
    boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
    String key = defaultPort ? bracketed : bracketed + ":" + port;
    if (overrides.containsKey(key)) {
      return new ProxyChoice(Optional.ofNullable(overrides.get(key)), "this registry's setting");
    }
    if (LoopbackHost.is(bracketed)) {
      return new ProxyChoice(Optional.empty(), "loopback");
    }
    boolean https = scheme.equalsIgnoreCase("https");
    URI proxy = https ? httpsProxy : httpProxy;
    if (proxy == null) {
      return new ProxyChoice(Optional.empty(), "no " + (https ? "HTTPS_PROXY" : "HTTP_PROXY") + " set");
    }
    for (ProxyRule r : noProxy) {
      if (r.matches(h, port)) {
        return new ProxyChoice(Optional.empty(), "NO_PROXY");
      }
    }
    return new ProxyChoice(Optional.of(proxy), "from " + (https ? httpsSource : httpSource));
  }

  @Override
  public List<Proxy> select(URI uri) {
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    Optional<URI> p = choose(uri.getScheme(), uri.getHost(), port).proxy();
    if (p.isEmpty()) {
      return List.of(Proxy.NO_PROXY);
    }
    URI proxy = p.get();
    boolean socks = proxy.getScheme().toLowerCase(Locale.ROOT).startsWith("socks");
    int proxyPort = proxy.getPort() >= 0 ? proxy.getPort() : socks ? 1080 : 80;
    return List.of(new Proxy(socks ? Proxy.Type.SOCKS : Proxy.Type.HTTP,
        InetSocketAddress.createUnresolved(proxy.getHost(), proxyPort)));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // OkHttp reports the failure itself; there is no other proxy to try.
  }

  /** Sends the credentials of the proxy URL (if it has any) when the proxy asks, and before CONNECT. */
  public Authenticator authenticator() {
    return (route, response) -> {
      if (response.request().header("Proxy-Authorization") != null || route == null) {
        return null; // already sent and refused: give up with the 407
      }
      String[] userPass = credentialsFor(route.proxy().address());
      if (userPass == null) {
        return null;
      }
      return response.request().newBuilder()
          .header("Proxy-Authorization", Credentials.basic(userPass[0], userPass[1], StandardCharsets.UTF_8))
          .build();
    };
  }

  private String[] credentialsFor(SocketAddress address) {
    if (!(address instanceof InetSocketAddress a)) {
      return null;
    }
    java.util.ArrayList<URI> all = new java.util.ArrayList<>();
    if (httpsProxy != null) {
      all.add(httpsProxy);
    }
    if (httpProxy != null) {
      all.add(httpProxy);
    }
    overrides.values().stream().filter(java.util.Objects::nonNull).forEach(all::add);
    for (URI p : all) {
      if (p.getRawUserInfo() != null && p.getHost().equalsIgnoreCase(a.getHostString())
          && (p.getPort() < 0 ? 80 : p.getPort()) == a.getPort()) {
        String info = p.getRawUserInfo();
        int colon = info.indexOf(':');
        String user = percentDecode(colon < 0 ? info : info.substring(0, colon));
        String pass = colon < 0 ? "" : percentDecode(info.substring(colon + 1));
        return new String[] {user, pass};
      }
    }
    return null;
  }

  /** Percent-decoding as in URLs ({@code +} stays a plus, unlike form decoding). */
  private static String percentDecode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
