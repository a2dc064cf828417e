package dev.sociscope.core.registry.auth;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.error.UnauthorizedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication state for all registries of one client: the challenge each host sent, and Bearer tokens cached per
 * (realm, service, scope set) until they expire. Basic credentials are sent as is; Bearer tokens are fetched
 * anonymously, with username/password (GET), or with an identity/refresh token (POST, falling back to GET on 404).
 * Nothing here logs or puts into messages a password, token or Authorization value.
 */
public final class RegistryAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryAuthenticator.class);
  /** Renew a little early so a token does not expire between check and use. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
  private static final int MAX_TOKEN_BODY = 1 << 20;

  /** Runs one HTTP request for the authenticator (the client adds cancellation and URL policy). */
  @FunctionalInterface
  public interface TokenCaller {
    Response call(Request request) throws IOException;
  }

  private record TokenKey(String realm, String service, Set<String> scopes) {}

  private record Token(String value, Instant expiresAt) {}

  private final CredentialProvider credentials;
  private final TokenCaller caller;
  private final Clock clock;
  private final String clientId;
  private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
  private final Map<TokenKey, Token> tokens = new ConcurrentHashMap<>();
  /** Refresh tokens handed out by a token server, per realm+service. */
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
  /** Scopes a server asked for in an insufficient_scope challenge, added to later requests for the same need. */
  private final Map<Set<String>, Set<String>> extraScopes = new ConcurrentHashMap<>();

  public RegistryAuthenticator(CredentialProvider credentials, TokenCaller caller, Clock clock, String clientId) {
    this.credentials = memoize(credentials);
    this.caller = caller;
    this.clock = clock;
    this.clientId = clientId;
  }

  /**
   * Asks the provider once per host: a Docker credential helper is a process, and Basic auth needs the
   * credentials on every request. Failures are not remembered, so a later call can succeed.
   */
  private static CredentialProvider memoize(CredentialProvider provider) {
    Map<String, Optional<Credentials>> cache = new ConcurrentHashMap<>();
    return host -> {
      Optional<Credentials> known = cache.get(host);
      if (known == null) {
        known = provider.credentialsFor(host);
        cache.put(host, known);
      }
      return known;
    };
  }

  /** The challenge learnt for the host, if any. */
  public Optional<AuthChallenge> challengeFor(String host) {
    return Optional.ofNullable(challenges.get(host));
  }

  /**
   * The {@code Authorization} value for a request to {@code host} that needs {@code scopes}, or null when the host
   * has not challenged us (yet) or no credentials apply.
   */
  public String authorizationFor(String host, Collection<String> scopes) throws IOException {
    AuthChallenge challenge = challenges.get(host);
    if (challenge == null) {
      return null;
    }
    if (challenge.isBasic()) {
      Optional<Credentials> c = credentials.credentialsFor(host);
      return c.isPresent() && c.get().hasPassword() ? c.get().basicHeader() : null;
    }
    if (challenge.isBearer()) {
      Set<String> need = withExtras(Scopes.normalize(scopes));
      return "Bearer " + token(host, challenge, need).value();
    }
    return null;
  }

  /**
   * Handles a 401: learns the challenge and drops the token that failed. Returns true when retrying with
   * {@link #authorizationFor} can help, false when it cannot (then the caller reports {@link UnauthorizedException}).
   *
   * @param sentAuthorization the Authorization value of the refused request, or null
   */
  public boolean onUnauthorized(String host, List<String> wwwAuthenticate, Collection<String> scopes,
      String sentAuthorization) throws IOException {
    List<AuthChallenge> all = AuthChallenge.parseAll(wwwAuthenticate);
    AuthChallenge chosen = all.stream().filter(AuthChallenge::isBearer).findFirst()
        .orElse(all.stream().filter(AuthChallenge::isBasic).findFirst().orElse(null));
    if (chosen == null) {
      return false;
    }
    challenges.put(host, chosen);
    if (chosen.isBasic()) {
      Optional<Credentials> c = credentials.credentialsFor(host);
      boolean haveBasic = c.isPresent() && c.get().hasPassword();
      // Retrying only helps if we did not already send these credentials.
      return haveBasic && (sentAuthorization == null || !sentAuthorization.startsWith("Basic "));
    }
    Set<String> need = Scopes.normalize(scopes);
    if (!chosen.scopes().isEmpty() && !Scopes.covers(withExtras(need), chosen.scopes())) {
      Set<String> extra = new LinkedHashSet<>(extraScopes.getOrDefault(need, Set.of()));
      extra.addAll(chosen.scopes());
      extraScopes.put(need, Scopes.normalize(extra));
    }
    if (sentAuthorization != null && sentAuthorization.startsWith("Bearer ")) {
      // The token was refused (revoked, expired early, or too narrow): forget it. The caller retries once only.
      String sent = sentAuthorization.substring("Bearer ".length());
      tokens.entrySet().removeIf(e -> e.getValue().value().equals(sent));
    }
    return true;
  }

  /** Forgets every token (e.g. after the user changed credentials). */
  public void clearTokens() {
    tokens.clear();
    refreshTokens.clear();
  }

  private Set<String> withExtras(Set<String> need) {
    Set<String> extra = extraScopes.get(need);
    if (extra == null) {
      return need;
    }
    Set<String> all = new LinkedHashSet<>(need);
    all.addAll(extra);
    return Scopes.normalize(all);
  }

  private Token token(String host, AuthChallenge challenge, Set<String> scopes) throws IOException {
    String realm = challenge.realm();
    if (realm == null || realm.isBlank()) {
      throw new UnauthorizedException("Registry " + host + " sent a Bearer challenge without a realm", null);
    }
    TokenKey key = new TokenKey(realm, nullToEmpty(challenge.service()), scopes);
    Token cached = tokens.get(key);
    Instant now = clock.instant();
    if (cached != null && now.isBefore(cached.expiresAt().minus(EXPIRY_MARGIN))) {
      return cached;
    }
    Token fresh = fetchToken(host, key);
    tokens.put(key, fresh);
    return fresh;
  }

  private Token fetchToken(String host, TokenKey key) throws IOException {
    HttpUrl realm = HttpUrl.parse(key.realm());
    if (realm == null) {
      throw new UnauthorizedException("Registry " + host + " named a token realm that is not a URL: "
          + key.realm(), key.realm());
    }
    Optional<Credentials> creds = credentials.credentialsFor(host);
    if (creds.isPresent() && creds.get().registryToken() != null) {
      // A bearer token from Docker's config is sent as is; its lifetime is unknown, so re-read it each time.
      return new Token(creds.get().registryToken(), clock.instant().plus(EXPIRY_MARGIN.multipliedBy(2)));
    }
    String refreshKey = key.realm() + " " + key.service();
    String refresh = creds.map(Credentials::identityToken).orElse(null);
    if (refreshTokens.containsKey(refreshKey)) {
      refresh = refreshTokens.get(refreshKey);
    }
    if (refresh != null) {
      FormBody form = new FormBody.Builder()
          .add("grant_type", "refresh_token")
          .add("refresh_token", refresh)
          .add("service", key.service())
          .add("scope", String.join(" ", key.scopes()))
          .add("client_id", clientId)
          .build();
      Request post = new Request.Builder().url(realm).post(form).build();
      LOG.debug("Requesting a token from {} for {} (refresh token)", realm.host(), key.scopes());
      try (Response response = caller.call(post)) {
        if (response.code() != 404 && response.code() != 405) {
          return readToken(host, key, response, "refresh token");
        }
      }
    }
    HttpUrl.Builder url = realm.newBuilder();
    if (!key.service().isEmpty()) {
      url.addQueryParameter("service", key.service());
    }
    for (String scope : key.scopes()) {
      url.addQueryParameter("scope", scope);
    }
    Request.Builder get = new Request.Builder().url(url.build()).get();
    String how = "anonymous";
    if (creds.isPresent() && creds.get().hasPassword()) {
      get.header("Authorization", creds.get().basicHeader());
      how = "user " + creds.get().username();
    }
    LOG.debug("Requesting a token from {} for {} ({})", realm.host(), key.scopes(), how);
    try (Response response = caller.call(get.build())) {
      return readToken(host, key, response, how);
    }
  }

  /** The realm for messages: a realm is the registry's to choose, so user info and query are left out. */
  private static String shownRealm(TokenKey key) {
    return Redaction.safeRealm(key.realm());
  }

  private Token readToken(String host, TokenKey key, Response response, String how) throws IOException {
    if (response.code() == 401 || response.code() == 403) {
      throw new UnauthorizedException("The token server " + shownRealm(key) + " (service " + key.service()
          + ") refused " + how + " for " + String.join(" ", key.scopes()) + " (HTTP " + response.code() + ")",
          key.realm());
    }
    if (!response.isSuccessful()) {
      throw new SociscopeException(ErrorKind.IO, "The token server " + shownRealm(key) + " answered HTTP " + response.code()
          + " when asked for " + String.join(" ", key.scopes()));
    }
    byte[] bytes;
    try (ResponseBody rb = response.body()) {
      bytes = rb.byteStream().readNBytes(MAX_TOKEN_BODY);
    }
    TokenResponse answer = TokenResponse.parse(bytes, clock.instant(), shownRealm(key));
    if (answer.refreshToken() != null) {
      refreshTokens.put(key.realm() + " " + key.service(), answer.refreshToken());
    }
    LOG.debug("Got a token for {} valid until {}", key.scopes(), answer.expiresAt());
    return new Token(answer.token(), answer.expiresAt());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
