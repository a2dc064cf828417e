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
import dev.sociscope.core.error.InvalidRequestException;
import dev.sociscope.core.registry.transport.ConnectionFailures;
import dev.sociscope.core.registry.transport.Durations;
import dev.sociscope.core.registry.transport.EnvironmentProxies;
import dev.sociscope.core.registry.transport.HttpClients;
import dev.sociscope.core.registry.transport.LoopbackHost;
import dev.sociscope.core.registry.transport.ProxyChoice;
import dev.sociscope.core.registry.transport.Timeouts;
import dev.sociscope.core.registry.transport.TlsConfig;
import dev.sociscope.core.registry.transport.TlsProbe;
import dev.sociscope.core.error.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * <p>HTTPS is used for every host, verified against the system store plus {@link TlsConfig} (extra CAs, client
 * certificate, {@code certs.d}) unless {@link Builder#insecure} is set. Plain HTTP only for hosts the user allowed
 * ({@link Builder#plainHttp}) and for loopback servers ({@link LoopbackHost}: literal {@code 127.0.0.0/8},
 * {@code ::1}, {@code localhost}) that do not speak TLS ({@link TlsProbe}); a loopback server that speaks TLS is
 * verified like any other. Proxies come from the environment ({@link EnvironmentProxies}); {@link Timeouts} bound
 * each wait and, with {@code --timeout}, the whole command including retries.
 */
public final class RegistryClient {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String USER_AGENT = "sociscope";

  private final HttpClients http;
  private final Timeouts timeouts;
  private final Map<String, Boolean> loopbackPlain = new ConcurrentHashMap<>();
  private final RegistryAuthenticator auth;
  private final RetryPolicy retry;
  private final Set<String> plainHttpHosts;
  private final boolean plainHttpEverywhere;
  private final long chunkSize;
  private final long monolithicLimit;

  private RegistryClient(Builder b) {
    EnvironmentProxies proxies = b.proxies;
    if (proxies == null) {
      try {
        proxies = EnvironmentProxies.fromEnvironment();
      } catch (InvalidRequestException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    this.timeouts = b.timeouts;
    this.http = new HttpClients(b.baseClient != null ? b.baseClient : HttpClients.plainBase(), b.tls.withInsecure(
        b.tls.insecure() || b.insecure), proxies, b.timeouts);
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

  /**
   * Plain HTTP is used for hosts the user allowed, and for loopback hosts whose server does not speak TLS (asked
   * once per host with a bare TLS handshake: nothing else is sent).
   */
  public boolean allowsPlainHttp(String apiHost) {
    String key = apiHost.toLowerCase(Locale.ROOT);
    if (plainHttpEverywhere || plainHttpHosts.contains(key)) {
      return true;
    }
    String host = LoopbackHost.withoutPort(key);
    if (!LoopbackHost.is(host)) {
      return false;
    }
    Boolean known = loopbackPlain.get(key);
    if (known != null) {
      return known;
    }
    int port;
    try {
      port = key.length() > host.length() + 1 ? Integer.parseInt(key.substring(host.length() + 1)) : 443;
    } catch (NumberFormatException e) {
      return false; // not a port: baseUrl refuses the host in words
    }
    TlsProbe.Result r = TlsProbe.probe(host, port, timeouts.connect(),
        timeouts.read().compareTo(Duration.ofSeconds(1)) < 0 ? timeouts.read() : Duration.ofSeconds(1));
    boolean plain = r != TlsProbe.Result.SPEAKS_TLS;
    if (r != TlsProbe.Result.UNKNOWN) {
      loopbackPlain.put(key, plain);
      LOG.debug("Loopback registry {} {}", apiHost, plain ? "speaks plain HTTP" : "speaks TLS: verified");
    }
    return plain;
  }

  /** Which proxy requests to this registry take, and why (for the GUI and {@code --debug}). */
  public ProxyChoice proxyFor(String apiHost) {
    return http.proxyFor(baseUrl(apiHost));
  }

  /** The time-outs and deadline this client keeps. */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** {@code host[:port]} of a URL, the key for challenges and credentials. */
  static String hostKey(HttpUrl url) {
    return HttpClients.hostKey(url);
  }

  /** Checks {@code GET /v2/}; returns the challenge when the registry wants authentication. */
  public Optional<AuthChallenge> ping(String apiHost, Cancellation cancel) throws IOException {
    HttpUrl url = baseUrl(apiHost).resolve("/v2/");
    // The connection check answers at once: a refused or unknown host is not retried (the user is waiting).
    RegistryRequest req = new RegistryRequest("GET", url, okhttp3.Headers.of(), null, List.of(),
        "ping registry " + apiHost, false);
    try (Response r = send(req, cancel)) {
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
        if (e instanceof SociscopeException typed) {
          throw typed; // a TLS set-up error (a bad certs.d file): already one sentence
        }
        boolean viaProxy = http.proxyFor(req.url()).proxy().isPresent();
        SociscopeException failure = ConnectionFailures.untrusted(e, host).map(SociscopeException.class::cast)
            .orElseGet(() -> new RegistryException(ErrorKind.UNREACHABLE,
                ConnectionFailures.describe(e, host, req.action(), timeouts, viaProxy), e));
        // A time-out is not retried: a stalled server would cost one full wait per retry.
        if (!req.retryConnectionFailures() || attempt >= retry.maxRetries() || ConnectionFailures.isTimeout(e)
            || ConnectionFailures.isPermanent(e, timeouts)) {
          throw failure;
        }
        Duration wait = retry.backoff(attempt++);
        if (!canWait(wait)) {
          throw failure; // the deadline comes before the next try: report what went wrong, not the deadline
        }
        LOG.info("{}; retry {} in {} ms", failure.getMessage(), attempt, wait.toMillis());
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
        if (!canWait(wait)) {
          return response; // the deadline comes before the next try: the caller reports this answer
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
    Call call = http.forUrl(request.url()).newCall(request);
    if (timeouts.deadline().isSet()) {
      // The deadline bounds the whole call, the body included: a server trickling bytes cannot outlast it.
      long left = timeouts.deadline().remaining().toNanos();
      if (left <= 0) {
        throw deadlineReached(hostKey(request.url()), request.method() + " " + Redaction.safeUrl(request.url()));
      }
      call.timeout().timeout(left, TimeUnit.NANOSECONDS);
    }
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
    // A token realm the registry names with http:// is used as named on loopback (nothing leaves the machine)
    // and on hosts the user allowed; anywhere else credentials would travel in the clear.
    String tokenHost = hostKey(url);
    if (!url.isHttps() && !plainHttpEverywhere && !plainHttpHosts.contains(tokenHost)
        && !LoopbackHost.is(LoopbackHost.withoutPort(tokenHost))) {
      throw new RegistryException("Refusing to send credentials to the token server " + Redaction.safeUrl(url)
          + " over plain HTTP");
    }
    try {
      return execute(request.newBuilder().header("User-Agent", USER_AGENT).build(), Cancellation.NONE);
    } catch (IOException e) {
      throw ConnectionFailures.untrusted(e, hostKey(url)).map(SociscopeException.class::cast)
          .orElseGet(() -> new RegistryException(ErrorKind.UNREACHABLE, "Could not reach the token server "
              + Redaction.safeUrl(url) + ": " + ConnectionFailures.describe(e, hostKey(url), null, timeouts, false),
              e));
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

  private RegistryException deadlineReached(String host, String action) {
    return new RegistryException(ErrorKind.UNREACHABLE, "gave up on " + host + ": the time-out of "
        + Durations.format(timeouts.deadline().budget()) + " was reached (while trying to " + action + ")", null);
  }

  /** Whether a wait of {@code wait} still ends before the deadline (always, without one). */
  private boolean canWait(Duration wait) {
    return !timeouts.deadline().isSet() || timeouts.deadline().remaining().compareTo(wait) > 0;
  }

  /**
   * The one wait between retries outside {@link #send} (resumed downloads, stalled or cut uploads, tag re-reads):
   * it never runs past {@code --timeout}. A wait the deadline would cut short is not started; the command ends at
   * once with the same one-line time-out message as a request that ran out of time.
   */
  void backOff(Duration wait, HttpUrl url, Cancellation cancel, String action) throws IOException {
    if (!canWait(wait)) {
      throw deadlineReached(hostKey(url), action);
    }
    sleep(wait, cancel, action);
  }

  /** Sleeps in slices so that a cancel ends the wait at once; only {@link #send} and {@link #backOff} call it. */
  private static void sleep(Duration wait, Cancellation cancel, String action) throws IOException {
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

  /** Configuration; everything has a sensible default. */
  public static final class Builder {
    private CredentialProvider credentials = CredentialProvider.ANONYMOUS;
    private final Set<String> plainHttpHosts = new HashSet<>();
    private boolean plainHttpEverywhere;
    private boolean insecure;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Timeouts timeouts = Timeouts.defaults();
    private TlsConfig tls = TlsConfig.standard();
    private EnvironmentProxies proxies;
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
      this.timeouts = new Timeouts(connect, read, timeouts.deadline());
      return this;
    }

    /** Time-outs and the whole-command deadline ({@link Timeouts#overall} for {@code --timeout}). */
    public Builder timeouts(Timeouts value) {
      this.timeouts = Objects.requireNonNull(value, "timeouts == null");
      return this;
    }

    /** Extra CAs, client certificate and {@code certs.d} roots (default: system store and the standard roots). */
    public Builder tls(TlsConfig config) {
      this.tls = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /** The proxy rules (default: {@link EnvironmentProxies#fromEnvironment()}). */
    public Builder proxies(EnvironmentProxies selector) {
      this.proxies = Objects.requireNonNull(selector, "selector == null");
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
