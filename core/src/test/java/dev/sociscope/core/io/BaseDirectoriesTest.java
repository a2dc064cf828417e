package dev.sociscope.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.registry.auth.DockerConfigCredentials;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaseDirectoriesTest {
  @Test
  void xdgFoldersWinOverHome() {
    BaseDirectories dirs = BaseDirectories.of(Map.of("HOME", "/home/ann", "XDG_CONFIG_HOME", "/cfg",
        "XDG_CACHE_HOME", "/var/cache/ann"));
    assertThat(dirs.appConfig()).isEqualTo(Path.of("/cfg/sociscope"));
    assertThat(dirs.appCache()).isEqualTo(Path.of("/var/cache/ann/sociscope"));
  }

  @Test
  void homeFromTheEnvironmentNotJavasUserHome() {
    BaseDirectories dirs = BaseDirectories.of(Map.of("HOME", "/tmp/fresh-home"));
    assertThat(dirs.home()).isEqualTo(Path.of("/tmp/fresh-home"));
    assertThat(dirs.appConfig()).isEqualTo(Path.of("/tmp/fresh-home/.config/sociscope"));
    assertThat(dirs.appCache()).isEqualTo(Path.of("/tmp/fresh-home/.cache/sociscope"));
  }

  @Test
  void relativeOrBlankXdgValuesAreIgnored() {
    BaseDirectories dirs = BaseDirectories.of(Map.of("HOME", "/h", "XDG_CONFIG_HOME", "relative/cfg",
        "XDG_CACHE_HOME", " "));
    assertThat(dirs.config()).isEqualTo(Path.of("/h/.config"));
    assertThat(dirs.cache()).isEqualTo(Path.of("/h/.cache"));
  }

  @Test
  void withoutHomeJavasValueIsTheLastResort() {
    assertThat(BaseDirectories.of(Map.of()).home()).isEqualTo(Path.of(System.getProperty("user.home")));
  }

  @Test
  void dockerConfigFollowsDockerConfigThenHome() {
    assertThat(DockerConfigCredentials.fromEnvironment(Map.of("HOME", "/tmp/h")).configFile())
        .isEqualTo(Path.of("/tmp/h/.docker/config.json"));
    assertThat(DockerConfigCredentials.fromEnvironment(Map.of("HOME", "/tmp/h", "DOCKER_CONFIG", "/etc/d"))
        .configFile()).isEqualTo(Path.of("/etc/d/config.json"));
  }
}
