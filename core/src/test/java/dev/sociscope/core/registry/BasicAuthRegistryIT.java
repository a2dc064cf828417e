package dev.sociscope.core.registry;

import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.error.UnauthorizedException;
import dev.sociscope.core.error.NotFoundException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import dev.sociscope.core.registry.auth.DockerConfigCredentials;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.TestImages.BuiltImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real registry behind htpasswd Basic auth; credentials from the CLI, Docker's config and helpers. */
class BasicAuthRegistryIT {
  static final String USER = "tester";
  static final String PASSWORD = "s3cret-Pw!";
  static LocalRegistry registry;
  static BuiltImage image;

  @TempDir Path tmp;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    registry = LocalRegistry.startWithBasicAuth(USER, PASSWORD);
    image = TestImages.singlePlatform(dir.resolve("img"), "v1", Map.of("a.txt", "a"));
    TestImages.push(image, registry, "private/app:v1");
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  static RemoteRepository repo(CredentialProvider credentials) {
    RegistryClient client = RegistryClient.builder().credentials(credentials).build();
    return client.repository(ImageReference.parse(registry.ref("private/app")));
  }

  @Test
  void withoutCredentialsTheRealmIsNamed() {
    assertThatThrownBy(() -> repo(CredentialProvider.ANONYMOUS).manifest("v1"))
        .isInstanceOf(UnauthorizedException.class)
        .hasMessageContaining("sociscope-test")
        .hasMessageContaining("private/app:v1");
  }

  @Test
  void explicitCredentialsReadAndWrite() throws IOException {
    RemoteRepository repo = repo(CredentialProvider.forHost(registry.host(), Credentials.basic(USER, PASSWORD)));
    assertThat(repo.manifest("v1").digest()).isEqualTo(image.digest());
    assertThat(repo.tags()).contains("v1");
    byte[] data = "pushed with basic auth".getBytes(StandardCharsets.UTF_8);
    repo.putBlob(Digest.of(data), BlobContent.ofBytes(data));
    assertThat(repo.readBlob(Digest.of(data))).isEqualTo(data);
  }

  @Test
  void dockerConfigAuthsEntry() throws IOException {
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(tmp.resolve("config.json"),
        "{\"auths\":{\"http://" + registry.host() + "/v1/\":{\"auth\":\"" + auth + "\"}}}");
    DockerConfigCredentials config = DockerConfigCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", tmp.toString()));
    assertThat(repo(config).manifest("v1").digest()).isEqualTo(image.digest());
  }

  @Test
  void dockerConfigCredHelperAndCredsStoreRunTheHelper() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path log = tmp.resolve("helper-stdin.txt");
    Path helper = bin.resolve("docker-credential-fake");
    Files.writeString(helper, "#!/bin/sh\n"
        + "[ \"$1\" = get ] || exit 2\n"
        + "read -r server\n"
        + "printf '%s' \"$server\" > '" + log + "'\n"
        + "if [ \"$server\" = '" + registry.host() + "' ]; then\n"
        + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + USER + "\",\"Secret\":\"" + PASSWORD + "\"}' \"$server\"\n"
        + "else\n  echo 'credentials not found in native keychain'; exit 1\nfi\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("DOCKER_CONFIG", tmp.toString());
    env.put("PATH", bin + ":" + System.getenv("PATH"));

    Files.writeString(tmp.resolve("config.json"), "{\"credHelpers\":{\"" + registry.host() + "\":\"fake\"}}");
    RemoteRepository viaHelper = repo(DockerConfigCredentials.fromEnvironment(env));
    assertThat(viaHelper.manifest("v1").digest()).isEqualTo(image.digest());
    assertThat(Files.readString(log)).isEqualTo(registry.host());
    Files.delete(log);
    assertThat(viaHelper.tags()).contains("v1");
    assertThat(log).doesNotExist(); // the client asked the helper once, not once per request

    Files.writeString(tmp.resolve("config.json"), "{\"credsStore\":\"fake\"}");
    assertThat(repo(DockerConfigCredentials.fromEnvironment(env)).manifest("v1").digest()).isEqualTo(image.digest());

    // Another host: the helper exits 1, which means "no credentials", not an error.
    assertThat(DockerConfigCredentials.fromEnvironment(env).credentialsFor("other.example:5000")).isEmpty();
  }

  @Test
  void missingHelperIsAReadableError() throws IOException {
    Files.writeString(tmp.resolve("config.json"), "{\"credsStore\":\"does-not-exist\"}");
    DockerConfigCredentials config = DockerConfigCredentials.fromEnvironment(
        Map.of("DOCKER_CONFIG", tmp.toString(), "PATH", tmp.toString()));
    assertThatThrownBy(() -> config.credentialsFor(registry.host()))
        .isInstanceOf(SociscopeException.class)
        .hasMessageContaining("docker-credential-does-not-exist");
  }

  @Test
  void credentialsNeverAppearInLogsOrErrors() throws IOException {
    String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    String wrongPassword = "Wr0ng-Secret-123";
    String wrongBasic = Base64.getEncoder().encodeToString((USER + ":" + wrongPassword).getBytes(StandardCharsets.UTF_8));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StringBuilder messages = new StringBuilder();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      RemoteRepository good = repo(CredentialProvider.forHost(registry.host(), Credentials.basic(USER, PASSWORD)));
      good.manifest("v1");
      good.tag(image.digest(), "v1-copy");
      try {
        good.manifest("missing");
      } catch (NotFoundException e) {
        messages.append(e.getMessage()).append('\n');
      }
      RemoteRepository bad = repo(CredentialProvider.forHost(registry.host(), Credentials.basic(USER, wrongPassword)));
      try {
        bad.manifest("v1");
      } catch (UnauthorizedException e) {
        messages.append(e.getMessage()).append('\n').append(e).append('\n');
      }
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("GET ").contains("/v2/private/app/manifests/v1"); // debug logging was on
    assertThat(messages.toString()).contains("sociscope-test");
    for (String secret : List.of(PASSWORD, basic, wrongPassword, wrongBasic)) {
      assertThat(logs).doesNotContain(secret);
      assertThat(messages.toString()).doesNotContain(secret);
    }
    assertThat(Credentials.basic(USER, PASSWORD).toString()).doesNotContain(PASSWORD);
  }
}
