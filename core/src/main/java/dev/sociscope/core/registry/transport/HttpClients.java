package dev.sociscope.core.registry.transport;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OkHttp client per registry host, all sharing one connection pool and dispatcher: the trust and client
 * certificate of a host depend on its {@code certs.d} folder, so each HTTPS host gets its own TLS set-up. Proxies
 * ({@link EnvironmentProxies}) and time-outs ({@link Timeouts}) are the same for all.
 */
public final class HttpClients {
  private static final Logger LOG = LoggerFactory.getLogger(HttpClients.class);

  private final OkHttpClient base;
  private final List<ConnectionSpec> tlsSpecs;
  private final TlsConfig tls;
  private final EnvironmentProxies proxies;
  private final Map<String, OkHttpClient> byHost = new ConcurrentHashMap<>();

  /**
   * @param base the client to derive from (its pool, dispatcher, DNS and interceptors are kept); build it from a
   *     builder, not with {@code new OkHttpClient()}, which loads the system trust store at once
   */
  public HttpClients(OkHttpClient base, TlsConfig tls, EnvironmentProxies proxies, Timeouts timeouts) {
    this.tls = tls;
    this.proxies = proxies;
    List<ConnectionSpec> specs = base.connectionSpecs();
    this.tlsSpecs = specs.stream().anyMatch(ConnectionSpec::isTls) ? specs
        : List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT);
    this.base = base.newBuilder()
        // The plain-HTTP client never needs TLS; without TLS specs OkHttp does not load the system trust store when
        // the client is built, which a short command against a plain loopback registry would otherwise pay for.
        // Each HTTPS host gets its own client with the TLS specs and its own trust (forUrl).
        .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
        .connectTimeout(timeouts.connect())
        .readTimeout(timeouts.read())
        .writeTimeout(timeouts.read())
        .followRedirects(true)
        // Never go from HTTPS to HTTP (or back) on a redirect. OkHttp itself drops Authorization on a host change.
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .proxySelector(proxies)
        .proxyAuthenticator(proxies.authenticator())
        .build();
    if (tls.insecure()) {
      LOG.warn("TLS verification is off (--insecure): certificates and host names of registries are not checked");
    }
  }

  /**
   * A base client that has not loaded the TLS stack (OkHttp loads the system trust store when a client with TLS
   * connection specs is built); {@link HttpClients} adds TLS per HTTPS host.
   */
  public static OkHttpClient plainBase() {
    return plainBaseBuilder().build();
  }

  /** The builder of {@link #plainBase()}, to add interceptors to. */
  public static OkHttpClient.Builder plainBaseBuilder() {
    return new OkHttpClient.Builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
  }

  /** The client for requests to {@code url}'s host. */
  public OkHttpClient forUrl(HttpUrl url) throws IOException {
    if (!url.isHttps()) {
      return base;
    }
    String key = hostKey(url);
    OkHttpClient c = byHost.get(key);
    if (c == null) {
      HostTls host = HostTls.forHost(key, tls);
      OkHttpClient.Builder b = base.newBuilder().connectionSpecs(tlsSpecs)
          .sslSocketFactory(host.socketFactory(), host.trustManager());
      if (!host.verifies()) {
        b.hostnameVerifier((name, session) -> true);
      }
      c = b.build();
      OkHttpClient raced = byHost.putIfAbsent(key, c);
      c = raced != null ? raced : c;
    }
    return c;
  }

  /** Which proxy a request to {@code url} takes, and why. */
  public ProxyChoice proxyFor(HttpUrl url) {
    return proxies.choose(url.scheme(), url.host(), url.port());
  }

  /** {@code host[:port]} of a URL (the port only when it is not the scheme's default). */
  public static String hostKey(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return (url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port())
        .toLowerCase(Locale.ROOT);
  }
}
