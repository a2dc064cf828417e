package dev.sociscope.core.registry.auth;

import dev.sociscope.core.error.CorruptInputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  @TempDir Path dir;

  DockerConfigCredentials config(String json) throws IOException {
    Files.writeString(dir.resolve("config.json"), json);
    return DockerConfigCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString(), "PATH", ""));
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void authsKeysAreMatchedByHostIgnoringSchemeAndPath() throws IOException {
    DockerConfigCredentials c = config("{\"auths\":{"
        + "\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:pw1") + "\"},"
        + "\"https://ghcr.io\":{\"username\":\"gh\",\"password\":\"pw2\"},"
        + "\"quay.io\":{\"identitytoken\":\"refresh-1\"},"
        + "\"tok.example\":{\"registrytoken\":\"bearer-1\"}}}");
    Credentials hub = c.credentialsFor("registry-1.docker.io").orElseThrow();
    assertThat(hub.username()).isEqualTo("hub");
    assertThat(hub.password()).isEqualTo("pw1");
    assertThat(c.credentialsFor("ghcr.io").orElseThrow().password()).isEqualTo("pw2");
    assertThat(c.credentialsFor("quay.io").orElseThrow().identityToken()).isEqualTo("refresh-1");
    assertThat(c.credentialsFor("tok.example").orElseThrow().registryToken()).isEqualTo("bearer-1");
    assertThat(c.credentialsFor("other.example")).isEmpty();
  }

  @Test
  void missingFileMeansNoCredentialsAndBadJsonIsAnError() throws IOException {
    assertThat(DockerConfigCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", dir.resolve("none").toString()))
        .credentialsFor("ghcr.io")).isEmpty();
    DockerConfigCredentials bad = config("{not json");
    assertThatThrownBy(() -> bad.credentialsFor("ghcr.io")).isInstanceOf(CorruptInputException.class)
        .hasMessageContaining("config.json");
    DockerConfigCredentials badAuth = config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + b64("no-colon") + "\"}}}");
    assertThatThrownBy(() -> badAuth.credentialsFor("ghcr.io")).hasMessageContaining("user:password")
        .hasMessageNotContaining("no-colon");
  }
}
