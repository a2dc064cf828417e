package dev.sociscope.core.registry;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.error.UnauthorizedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.TestImages.BuiltImage;
import dev.sociscope.core.testing.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bearer flow end to end: the real registry configured for token auth, trusting the signing certificate of our
 * small {@link TokenServer}. skopeo pushes through the same flow, so the token server itself is checked by a
 * client nobody here wrote.
 */
class RegistryTokenAuthIT {
  static final String USER = "token-user";
  static final String PASSWORD = "token-Pass-1";
  static TokenServer tokens;
  static LocalRegistry registry;
  static BuiltImage image;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    tokens = TokenServer.start(dir, USER, PASSWORD);
    registry = LocalRegistry.startWithTokenAuth(tokens);
    image = TestImages.singlePlatform(dir.resolve("img"), "v1", Map.of("t.txt", "token"));
    TestImages.run("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "--dest-creds", USER + ":" + PASSWORD,
        "oci:" + image.layout() + ":v1", "docker://" + registry.ref("team/app:v1"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  @BeforeEach
  void clear() {
    tokens.clearRequests();
  }

  static RegistryClient client(CredentialProvider credentials) {
    return RegistryClient.builder().credentials(credentials).build();
  }

  static CredentialProvider user() {
    return CredentialProvider.forHost(registry.host(), Credentials.basic(USER, PASSWORD));
  }

  RemoteRepository repo(RegistryClient client, String name) {
    return client.repository(ImageReference.parse(registry.ref(name)));
  }

  @Test
  void anonymousPullWithATokenFromTheRealm() throws Exception {
    RegistryClient client = client(CredentialProvider.ANONYMOUS);
    assertThat(client.ping(registry.host(), Cancellation.NONE)).isPresent()
        .hasValueSatisfying(c -> assertThat(c.realm()).isEqualTo(tokens.realm()));
    RemoteRepository repo = repo(client, "team/app");
    assertThat(repo.manifest("v1").digest()).isEqualTo(image.digest());
    assertThat(repo.tags()).containsExactly("v1");
    List<TokenServer.Request> requests = tokens.requests();
    // The ping's token has no scope; then one pull token, cached for the second call.
    assertThat(requests).extracting(TokenServer.Request::scopes)
        .containsExactly(List.of(), List.of("repository:team/app:pull"));
    assertThat(requests).allSatisfy(r -> assertThat(r.authorization()).isNull());
  }

  @Test
  void anonymousPushIsRefusedNamingTheRealm() {
    RemoteRepository repo = repo(client(CredentialProvider.ANONYMOUS), "team/app");
    byte[] data = "anonymous push".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> repo.putBlob(Digest.of(data), BlobContent.ofBytes(data)))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining(tokens.realm());
  }

  @Test
  void pullThenPushUpgradesTheScopeWithCredentials() throws Exception {
    RemoteRepository repo = repo(client(user()), "team/app");
    assertThat(repo.manifest("v1").digest()).isEqualTo(image.digest());
    byte[] data = "pushed with a bearer token".getBytes(StandardCharsets.UTF_8);
    repo.putBlob(Digest.of(data), BlobContent.ofBytes(data));
    assertThat(repo.readBlob(Digest.of(data))).isEqualTo(data);
    assertThat(tokens.requests()).extracting(TokenServer.Request::scopes)
        .containsExactly(List.of("repository:team/app:pull"), List.of("repository:team/app:pull,push"));
    assertThat(tokens.requests()).allSatisfy(r -> assertThat(r.authorization()).startsWith("Basic "));
  }

  @Test
  void mountAsksForBothRepositoriesInOneToken() throws Exception {
    RemoteRepository target = repo(client(user()), "other/app");
    TestImages.Blob layer = image.manifests().get(0).layers().get(0);
    assertThat(target.mountOrUpload(layer.digest(), "team/app", BlobContent.ofBytes(new byte[0]))).isTrue();
    assertThat(tokens.requests()).anySatisfy(r -> assertThat(r.scopes())
        .containsExactlyInAnyOrder("repository:other/app:pull,push", "repository:team/app:pull"));
  }

  @Test
  void catalogNeedsTheCatalogScope() throws Exception {
    assertThat(client(user()).catalog(registry.host(), Cancellation.NONE)).contains("team/app");
    assertThat(tokens.requests()).anySatisfy(r -> assertThat(r.scopes()).containsExactly("registry:catalog:*"));
    assertThatThrownBy(() -> client(CredentialProvider.ANONYMOUS).catalog(registry.host(), Cancellation.NONE))
        .hasMessageContaining("Catalog not available").isInstanceOfSatisfying(SociscopeException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED));
  }

  @Test
  void shortLivedTokensAreRenewed() throws Exception {
    tokens.lifetimeSeconds(3); // shorter than the client's renewal margin: every call renews
    try {
      RemoteRepository repo = repo(client(CredentialProvider.ANONYMOUS), "team/app");
      repo.manifest("v1");
      repo.manifest("v1");
      assertThat(tokens.requests()).hasSize(2);
    } finally {
      tokens.lifetimeSeconds(300);
    }
  }
}
