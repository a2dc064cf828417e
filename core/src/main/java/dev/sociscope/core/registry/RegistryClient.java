package dev.sociscope.core.registry;

import dev.sociscope.core.registry.auth.Redaction;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.image.InvalidReferenceException;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.error.CancelledException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.registry.auth.AuthChallenge;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.RegistryAuthenticator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry client facade: every request goes through {@link #send}, which adds authentication (Basic or a
 * cached Bearer token for the scopes the request needs), retries 401 once with a fresh token, retries 429/5xx and
 * cut connections with backoff, and stops promptly on {@link Cancellation}. Per-repository operations live in
 * {@link RemoteRepository} ({@link #repository}).
 *
 * <p>HTTPS is used for every host except loopback ({@code localhost}, {@code 127.x}, {@code ::1}) and hosts the
 * user allowed explicitly ({@link Builder#plainHttp}). TLS is verified unless {@link Builder#insecure} is set.
 */
public final class RegistryClient {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String USER_AGENT = "sociscope";

  private final OkHttpClient http;
  private final RegistryAuthenticator auth;
  private final RetryPolicy retry;
  private final Set<String> plainHttpHosts;
  private final boolean plainHttpEverywhere;
  private final long chunkSize;
  private final long monolithicLimit;

  private RegistryClient(Builder b) {
    OkHttpClient.Builder hb = (b.baseClient != null ? b.baseClient.newBuilder() : new OkHttpClient.Builder())
        .connectTimeout(b.connectTimeout)
        .readTimeout(b.readTimeout)
        .writeTimeout(b.readTimeout)
        .followRedirects(true)
        // Never go from HTTPS to HTTP (or back) on a redirect. OkHttp itself drops Authorization on a host change.
        .followSslRedirects(false)
        .retryOnConnectionFailure(false);
    if (b.insecure) {
      trustEverything(hb);
    }
    this.http = hb.build();
    this.retry = b.retry;
    this.plainHttpHosts = Set.copyOf(b.plainHttpHosts);
    this.plainHttpEverywhere = b.plainHttpEverywhere;
    this.chunkSize = b.chunkSize;
    this.monolithicLimit = b.monolithicLimit;
    this.auth = new RegistryAuthenticator(b.credentials, this::callForToken, b.clock, USER_AGENT);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The repository of this reference on its registry (the tag/digest of the reference is not used). */
  public RemoteRepository repository(ImageReference reference) {
    return new RemoteRepository(this, reference);
  }

  /** The base URL {@code scheme://host[:port]} of a registry's API host. */
  public HttpUrl baseUrl(String apiHost) {
    String scheme = allowsPlainHttp(apiHost) ? "http" : "https";
    HttpUrl url = HttpUrl.parse(scheme + "://" + apiHost + "/");
    if (url == null) {
      throw new InvalidReferenceException("not a registry host: '" + apiHost + "'");
    }
    return url;
  }

  /** Plain HTTP is used for loopback hosts and hosts the user allowed. */
  public boolean allowsPlainHttp(String apiHost) {
    if (plainHttpEverywhere || plainHttpHosts.contains(apiHost.toLowerCase(Locale.ROOT))) {
      return true;
    }
    return isLoopback(hostWithoutPort(apiHost));
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }

  private static String hostWithoutPort(String apiHost) {
    if (apiHost.startsWith("[")) {
      int end = apiHost.indexOf(']');
      return end > 0 ? apiHost.substring(0, end + 1) : apiHost;
    }
    int colon = apiHost.indexOf(':');
    return colon >= 0 ? apiHost.substring(0, colon) : apiHost;
  }

  /** {@code host[:port]} of a URL, the key for challenges and credentials. */
  static String hostKey(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }

  /** Checks {@code GET /v2/}; returns the challenge when the registry wants authentication. */
  public Optional<AuthChallenge> ping(String apiHost, Cancellation cancel) throws IOException {
    HttpUrl url = baseUrl(apiHost).resolve("/v2/");
    try (Response r = send(RegistryRequest.get(url, List.of(), "ping registry " + apiHost), cancel)) {
      if (r.isSuccessful()) {
        return auth.challengeFor(hostKey(url));
      }
      throw failure(r, "ping registry " + apiHost);
    }
  }

  /**
   * Lists repositories with {@code GET /v2/_catalog}, following {@code Link} pages; many hosted registries do not
   * offer it (then this throws with "catalog not available").
   */
  public List<String> catalog(String apiHost, Cancellation cancel) throws IOException {
    return catalog(apiHost, 0, cancel);
  }

  /** As {@link #catalog(String, Cancellation)}, asking for pages of {@code pageSize} entries when positive. */
  public List<String> catalog(String apiHost, int pageSize, Cancellation cancel) throws IOException {
    return catalogListing(apiHost, pageSize, ListingLimits.DEFAULT, cancel).names();
  }

  /** The catalog up to {@code limits}; {@link Listing#cutShort} says when the registry had more. */
  public Listing catalogListing(String apiHost, int pageSize, ListingLimits limits, Cancellation cancel)
      throws IOException {
    return new CatalogLister(this, apiHost).all(pageSize, limits, cancel);
  }

  /**
   * One page of {@code GET /v2/_catalog}: {@code last} is null for the first page, else the {@link Page#next} of
   * the page before. Follows the server's {@code Link} when it sends one, otherwise {@code last=} with the final
   * name of a full page.
   */
  public Page catalogPage(String apiHost, int pageSize, String last, Cancellation cancel) throws IOException {
    return new CatalogLister(this, apiHost).page(pageSize, last, ListingLimits.DEFAULT, cancel);
  }

  /** The single call path. The caller closes the response; statuses other than 401/429/5xx are its to map. */
  Response send(RegistryRequest req, Cancellation cancel) throws IOException {
    int attempt = 0;
    boolean authRetried = false;
    while (true) {
      cancel.check(req.action());
      String host = hostKey(req.url());
      String authorization = auth.authorizationFor(host, req.scopes());
      Request.Builder rb = new Request.Builder().url(req.url()).headers(req.headers())
          .header("User-Agent", USER_AGENT);
      RequestBody body = req.body() == null ? null : req.body().get();
      if (body == null && (req.method().equals("POST") || req.method().equals("PUT")
          || req.method().equals("PATCH"))) {
        body = RequestBody.create(new byte[0], null);
      }
      rb.method(req.method(), body);
      if (authorization != null) {
        rb.header("Authorization", authorization);
      }
      Response response;
      try {
        LOG.debug("{} {}", req.method(), Redaction.safeUrl(req.url()));
        response = execute(rb.build(), cancel);
      } catch (IOException e) {
        if (cancel.isCancelled()) {
          throw new CancelledException(req.action());
        }
        if (!req.retryConnectionFailures() || attempt >= retry.maxRetries()) {
          throw new RegistryException("Tried to " + req.action() + " but the connection failed: " + describe(e), e);
        }
        Duration wait = retry.backoff(attempt++);
        LOG.info("Connection failed while trying to {} ({}); retry {} in {} ms", req.action(), describe(e),
            attempt, wait.toMillis());
        sleep(wait, cancel, req.action());
        continue;
      }
      for (String warning : response.headers("Warning")) {
        LOG.warn("Registry {} warns: {}", host, warning);
      }
      int code = response.code();
      if (code == 401 && !authRetried) {
        boolean again = auth.onUnauthorized(host, response.headers("WWW-Authenticate"), req.scopes(), authorization);
        if (again) {
          response.close();
          authRetried = true;
          continue;
        }
      }
      if ((code == 429 || code >= 500) && attempt < retry.maxRetries()) {
        Duration wait = retry.retryAfter(response.header("Retry-After"));
        if (wait == null) {
          wait = retry.backoff(attempt);
        }
        attempt++;
        response.close();
        LOG.info("HTTP {} while trying to {}; retry {} in {} ms", code, req.action(), attempt, wait.toMillis());
        sleep(wait, cancel, req.action());
        continue;
      }
      return response;
    }
  }

  /** Executes one HTTP call, registered with the cancellation so that cancel() aborts it at once. */
  Response execute(Request request, Cancellation cancel) throws IOException {
    Call call = http.newCall(request);
    Runnable abort = call::cancel;
    cancel.register(abort);
    try {
      return call.execute();
    } catch (IOException e) {
      cancel.unregister(abort);
      if (cancel.isCancelled()) {
        throw new CancelledException("HTTP " + request.method() + " " + Redaction.safeUrl(request.url()));
      }
      throw e;
    }
  }

  private Response callForToken(Request request) throws IOException {
    HttpUrl url = request.url();
    if (!url.isHttps() && !allowsPlainHttp(hostKey(url))) {
      throw new RegistryException("Refusing to send credentials to the token server " + Redaction.safeUrl(url)
          + " over plain HTTP");
    }
    try {
      return execute(request.newBuilder().header("User-Agent", USER_AGENT).build(), Cancellation.NONE);
    } catch (IOException e) {
      throw new RegistryException("Could not reach the token server " + Redaction.safeUrl(url) + ": " + describe(e), e);
    }
  }

  long chunkSize() {
    return chunkSize;
  }

  long monolithicLimit() {
    return monolithicLimit;
  }

  RetryPolicy retryPolicy() {
    return retry;
  }

  RegistryAuthenticator authenticator() {
    return auth;
  }

  static void sleep(Duration wait, Cancellation cancel, String action) throws IOException {
    long end = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        cancel.check(action);
        long left = end - System.nanoTime();
        if (left <= 0) {
          return;
        }
        Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException(action + " (interrupted)");
    }
  }



  static String describe(IOException e) {
    if (e instanceof InterruptedIOException && !(e instanceof CancelledException)) {
      return "timed out";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  static JsonNode readJson(Response r, String action) throws IOException {
    ResponseBody body = Objects.requireNonNull(r.body());
    byte[] bytes = body.byteStream().readNBytes(64 * 1024 * 1024);
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new RegistryException("Tried to " + action + " but the registry did not answer with JSON");
    }
  }

  /** Turns an unsuccessful response into a typed, readable exception (and closes nothing: the caller does). */
  SociscopeException failure(Response r, String action) {
    return ResponseFailures.of(r, action, auth);
  }

  private static void trustEverything(OkHttpClient.Builder hb) {
    X509TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      hb.sslSocketFactory(ssl.getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }

  /** Configuration; everything has a sensible default. */
  public static final class Builder {
    private CredentialProvider credentials = CredentialProvider.ANONYMOUS;
    private final Set<String> plainHttpHosts = new HashSet<>();
    private boolean plainHttpEverywhere;
    private boolean insecure;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Duration connectTimeout = Duration.ofSeconds(15);
    private Duration readTimeout = Duration.ofSeconds(60);
    private OkHttpClient baseClient;
    // Small blobs go in one PUT; larger ones as streamed PATCHes of up to 256 MiB each, so that a cut connection
    // loses at most what the registry has not stored yet (the upload continues from the offset it reports).
    private long chunkSize = 256L << 20;
    private long monolithicLimit = 16L << 20;

    private Builder() {}

    public Builder credentials(CredentialProvider provider) {
      this.credentials = Objects.requireNonNull(provider, "provider == null");
      return this;
    }

    /** Allows plain HTTP to this host ({@code host[:port]}); loopback hosts are always allowed. */
    public Builder plainHttp(String apiHost) {
      plainHttpHosts.add(apiHost.toLowerCase(Locale.ROOT));
      return this;
    }

    /** Uses plain HTTP for every registry (the CLI's {@code --plain-http}). */
    public Builder plainHttpEverywhere(boolean enabled) {
      this.plainHttpEverywhere = enabled;
      return this;
    }

    /** Skips TLS certificate and host name checks (the CLI's {@code --insecure}). */
    public Builder insecure(boolean enabled) {
      this.insecure = enabled;
      return this;
    }

    public Builder retry(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /** The clock used for token expiry (tests move it forward). */
    public Builder clock(Clock newClock) {
      this.clock = Objects.requireNonNull(newClock, "clock == null");
      return this;
    }

    public Builder timeouts(Duration connect, Duration read) {
      this.connectTimeout = connect;
      this.readTimeout = read;
      return this;
    }

    /** An OkHttp client to derive from (shares its connection pool and dispatcher). */
    public Builder okHttpClient(OkHttpClient client) {
      this.baseClient = client;
      return this;
    }

    /** Blobs larger than {@code monolithicLimit} are uploaded in PATCH chunks of {@code chunkSize} bytes. */
    public Builder uploadChunking(long monolithicLimit, long chunkSize) {
      if (chunkSize <= 0 || monolithicLimit < 0) {
        throw new IllegalArgumentException("chunk size must be positive");
      }
      this.monolithicLimit = monolithicLimit;
      this.chunkSize = chunkSize;
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
