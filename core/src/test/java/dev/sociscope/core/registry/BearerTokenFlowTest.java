package dev.sociscope.core.registry;

import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.error.UnauthorizedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Bearer token flow against a small token server and a registry front that checks token scopes (no Debian
 * package provides a token server). Both run in one MockWebServer on 127.0.0.1.
 */
class BearerTokenFlowTest {
  static final String SERVICE = "test-registry";
  MockWebServer server;
  TokenRegistry fake;
  MutableClock clock;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    fake = new TokenRegistry();
    server.setDispatcher(fake);
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    clock = new MutableClock();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  RegistryClient client(CredentialProvider credentials) {
    return MockRegistryTest.plainHttpTo(RegistryClient.builder(), server).clock(clock).credentials(credentials)
        .retry(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1))).build();
  }

  RemoteRepository repo(RegistryClient client, String name) {
    return client.repository(ImageReference.parse("127.0.0.1:" + server.getPort() + "/" + name + ":1"));
  }

  @Test
  void anonymousPullGetsATokenOnceAndReusesIt() throws IOException {
    RemoteRepository repo = repo(client(CredentialProvider.ANONYMOUS), "team/app");
    assertThat(repo.readBlob(fake.blobDigest)).isEqualTo(fake.blob);
    assertThat(repo.readBlob(fake.blobDigest)).isEqualTo(fake.blob);
    assertThat(fake.tokenRequests).hasSize(1);
    TokenRequest t = fake.tokenRequests.get(0);
    assertThat(t.scopes).containsExactly("repository:team/app:pull");
    assertThat(t.service).isEqualTo(SERVICE);
    assertThat(t.authorization).isNull();
    assertThat(t.method).isEqualTo("GET");
  }

  @Test
  void pushUpgradesScopeFromPullToPullPush() throws IOException {
    RemoteRepository repo = repo(client(CredentialProvider.ANONYMOUS), "team/app");
    repo.readBlob(fake.blobDigest);
    byte[] data = "new blob".getBytes(StandardCharsets.UTF_8);
    repo.putBlob(Digest.of(data), BlobContent.ofBytes(data));
    assertThat(fake.uploaded).containsEntry(Digest.of(data).toString(), "new blob");
    assertThat(fake.tokenRequests).extracting(r -> r.scopes)
        .containsExactly(List.of("repository:team/app:pull"), List.of("repository:team/app:pull,push"));
  }

  @Test
  void expiredTokenIsRenewed() throws IOException {
    RemoteRepository repo = repo(client(CredentialProvider.ANONYMOUS), "team/app");
    repo.readBlob(fake.blobDigest);
    clock.advance(Duration.ofSeconds(30));
    repo.readBlob(fake.blobDigest);
    assertThat(fake.tokenRequests).hasSize(1); // still valid (expires_in 60)
    clock.advance(Duration.ofSeconds(40));
    repo.readBlob(fake.blobDigest);
    assertThat(fake.tokenRequests).hasSize(2);
  }

  @Test
  void tokenRefusedByRegistryIsFetchedAgain() throws IOException {
    RemoteRepository repo = repo(client(CredentialProvider.ANONYMOUS), "team/app");
    repo.readBlob(fake.blobDigest);
    fake.revokeAll(); // server-side expiry our clock does not know about
    assertThat(repo.readBlob(fake.blobDigest)).isEqualTo(fake.blob);
    assertThat(fake.tokenRequests).hasSize(2);
  }

  @Test
  void credentialedTokenRequestSendsBasicToTheTokenServerOnly() throws IOException {
    fake.requireUser = "alice:wonder";
    String host = "127.0.0.1:" + server.getPort();
    RemoteRepository repo = repo(client(CredentialProvider.forHost(host, Credentials.basic("alice", "wonder"))),
        "team/app");
    assertThat(repo.readBlob(fake.blobDigest)).isEqualTo(fake.blob);
    assertThat(fake.tokenRequests.get(0).authorization).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString("alice:wonder".getBytes(StandardCharsets.UTF_8)));
    assertThat(fake.registryAuthorizations).allMatch(a -> a == null || a.startsWith("Bearer "));
  }

  @Test
  void wrongPasswordIsUnauthorizedNamingTheRealm() {
    fake.requireUser = "alice:wonder";
    String host = "127.0.0.1:" + server.getPort();
    RemoteRepository repo = repo(client(CredentialProvider.forHost(host, Credentials.basic("alice", "wrong-pw"))),
        "team/app");
    assertThatThrownBy(() -> repo.readBlob(fake.blobDigest))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining(fake.realm())
        .hasMessageNotContaining("wrong-pw");
  }

  @Test
  void identityTokenUsesTheRefreshTokenPost() throws IOException {
    String host = "127.0.0.1:" + server.getPort();
    RemoteRepository repo = repo(client(CredentialProvider.forHost(host, Credentials.identityToken(null, "refresh-xyz"))),
        "team/app");
    assertThat(repo.readBlob(fake.blobDigest)).isEqualTo(fake.blob);
    TokenRequest t = fake.tokenRequests.get(0);
    assertThat(t.method).isEqualTo("POST");
    assertThat(t.form).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "refresh-xyz")
        .containsEntry("service", SERVICE).containsEntry("scope", "repository:team/app:pull")
        .containsEntry("client_id", "sociscope");
  }

  @Test
  void insufficientScopeChallengeAddsTheNamedScope() throws IOException {
    fake.extraScopeForTags = "repository:shared/base:pull";
    RemoteRepository repo = repo(client(CredentialProvider.ANONYMOUS), "team/app");
    assertThat(repo.tags()).containsExactly("1");
    assertThat(fake.tokenRequests.get(fake.tokenRequests.size() - 1).scopes)
        .containsExactlyInAnyOrder("repository:team/app:pull", "repository:shared/base:pull");
  }

  @Test
  void tokensAndRefreshTokensNeverAppearInLogsOrErrors() throws IOException {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    StringBuilder messages = new StringBuilder();
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      String host = "127.0.0.1:" + server.getPort();
      RemoteRepository repo = repo(client(CredentialProvider.forHost(host,
          Credentials.identityToken(null, "refresh-SECRET-1"))), "team/app");
      repo.readBlob(fake.blobDigest);
      byte[] data = "x".getBytes(StandardCharsets.UTF_8);
      repo.putBlob(Digest.of(data), BlobContent.ofBytes(data));
      fake.requireUser = "nobody:nothing";
      try {
        repo(client(CredentialProvider.forHost(host, Credentials.basic("eve", "pw-SECRET-2"))), "team/app")
            .readBlob(fake.blobDigest);
      } catch (UnauthorizedException e) {
        messages.append(e.getMessage());
      }
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("Requesting a token"); // debug logging was on
    assertThat(messages.toString()).contains(fake.realm());
    for (String secret : List.of("secret-token-", "refresh-SECRET-1", "pw-SECRET-2",
        Base64.getEncoder().encodeToString("eve:pw-SECRET-2".getBytes(StandardCharsets.UTF_8)))) {
      assertThat(logs).doesNotContain(secret);
      assertThat(messages.toString()).doesNotContain(secret);
    }
  }

  /** A clock the test moves forward. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static final class TokenRequest {
    String method;
    String service;
    List<String> scopes = new ArrayList<>();
    String authorization;
    Map<String, String> form = new HashMap<>();
  }

  /** Token server at /token plus a registry that wants a token whose scopes cover each request. */
  final class TokenRegistry extends Dispatcher {
    final byte[] blob = "layer bytes".getBytes(StandardCharsets.UTF_8);
    final Digest blobDigest = Digest.of(blob);
    final List<TokenRequest> tokenRequests = new ArrayList<>();
    final List<String> registryAuthorizations = new ArrayList<>();
    final Map<String, Set<String>> tokens = new HashMap<>();
    final Map<String, String> uploaded = new LinkedHashMap<>();
    String requireUser;
    String extraScopeForTags;
    int counter;

    String realm() {
      return "http://127.0.0.1:" + server.getPort() + "/token";
    }

    synchronized void revokeAll() {
      tokens.clear();
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      HttpUrl url = request.getRequestUrl();
      if (url.encodedPath().equals("/token")) {
        return token(request, url);
      }
      registryAuthorizations.add(request.getHeader("Authorization"));
      String path = url.encodedPath();
      String repoName = path.replaceFirst("^/v2/", "").replaceFirst("/(blobs|manifests|tags)/.*$", "");
      boolean write = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
      Set<String> need = new TreeSet<>();
      need.add("repository:" + repoName + ":" + (write ? "pull,push" : "pull"));
      if (path.endsWith("/tags/list") && extraScopeForTags != null) {
        need.add(extraScopeForTags);
      }
      String auth = request.getHeader("Authorization");
      Set<String> granted = auth != null && auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
      if (granted == null || !covers(granted, need)) {
        String error = granted == null ? "" : ",error=\"insufficient_scope\"";
        return new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate",
            "Bearer realm=\"" + realm() + "\",service=\"" + SERVICE + "\",scope=\"" + String.join(" ", need) + "\""
                + error);
      }
      if (path.endsWith("/tags/list")) {
        return new MockResponse().setBody("{\"name\":\"" + repoName + "\",\"tags\":[\"1\"]}");
      }
      if (path.contains("/blobs/uploads/")) {
        if (request.getMethod().equals("POST")) {
          return new MockResponse().setResponseCode(202).addHeader("Location", "/v2/" + repoName + "/blobs/uploads/u1");
        }
        String digest = url.queryParameter("digest");
        uploaded.put(digest, request.getBody().readUtf8());
        return new MockResponse().setResponseCode(201).addHeader("Docker-Content-Digest", digest);
      }
      if (path.contains("/blobs/")) {
        String digest = path.substring(path.lastIndexOf('/') + 1);
        if (digest.equals(blobDigest.toString())) {
          return request.getMethod().equals("HEAD")
              ? new MockResponse().addHeader("Content-Length", blob.length)
              : new MockResponse().setBody(new okio.Buffer().write(blob));
        }
        return new MockResponse().setResponseCode(404);
      }
      return new MockResponse().setResponseCode(404);
    }

    private boolean covers(Set<String> granted, Set<String> need) {
      for (String n : need) {
        String resource = n.substring(0, n.lastIndexOf(':'));
        Set<String> actions = Set.of(n.substring(n.lastIndexOf(':') + 1).split(","));
        boolean ok = granted.stream().anyMatch(g -> g.substring(0, g.lastIndexOf(':')).equals(resource)
            && Set.of(g.substring(g.lastIndexOf(':') + 1).split(",")).containsAll(actions));
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    private MockResponse token(RecordedRequest request, HttpUrl url) {
      TokenRequest t = new TokenRequest();
      t.method = request.getMethod();
      t.authorization = request.getHeader("Authorization");
      if (t.method.equals("POST")) {
        for (String pair : request.getBody().readUtf8().split("&")) {
          String[] kv = pair.split("=", 2);
          t.form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        t.service = t.form.get("service");
        t.scopes.addAll(List.of(t.form.get("scope").split(" ")));
      } else {
        t.service = url.queryParameter("service");
        t.scopes.addAll(url.queryParameterValues("scope"));
      }
      tokenRequests.add(t);
      if (requireUser != null) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(requireUser.getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(t.authorization)) {
          return new MockResponse().setResponseCode(401).setBody("{\"details\":\"incorrect username or password\"}");
        }
      }
      String token = "secret-token-" + (++counter);
      tokens.put(token, new TreeSet<>(t.scopes));
      return new MockResponse().setBody("{\"token\":\"" + token + "\",\"expires_in\":60}");
    }
  }
}
