package dev.sociscope.core.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials go where docker login puts them, privately, and are read back from there. */
class DockerLoginTest {
  @TempDir Path dir;

  @Test
  void storesIntoAuthsKeepingOtherEntriesWithMode0600() throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\"auths\":{\"other.example\":{\"auth\":\"dTpw\"}},\"psFormat\":\"x\"}");
    DockerConfigCredentials docker = DockerConfigCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString()));
    DockerLogin.store(docker, "reg.example:5000", "alice", "pa:ss");
    Credentials stored = docker.credentialsFor("reg.example:5000").orElseThrow();
    assertThat(stored.username()).isEqualTo("alice");
    assertThat(stored.password()).isEqualTo("pa:ss");
    assertThat(docker.credentialsFor("other.example").orElseThrow().username()).isEqualTo("u");
    assertThat(Files.readString(config)).contains("psFormat");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
    try (var s = Files.list(dir)) {
      assertThat(s).containsExactly(config);
    }
  }
}
