package dev.sociscope.app.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.core.image.ImageLocation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressTargetTest {
  private static final String DIGEST = "sha256:" + "e".repeat(64);

  private static AddressTarget of(String text, SavedRegistry... saved) {
    return AddressTarget.of(ImageLocation.parse(text), List.of(saved));
  }

  @Test
  void aSavedRegistryOfTheSameHostIsReusedWhateverItsScheme() {
    SavedRegistry mine = new SavedRegistry("mine", "http://127.0.0.1:5000", SavedRegistry.AuthMode.PASSWORD, "bob",
        true);
    AddressTarget t = of("127.0.0.1:5000/team/app@" + DIGEST, mine);
    assertThat(t.registry()).isSameAs(mine);
    assertThat(t.repository()).isEqualTo("team/app");
    assertThat(t.reference()).isEqualTo(DIGEST);
  }

  @Test
  void dockerHubNamesMatchItsApiHost() {
    SavedRegistry hub = new SavedRegistry("hub", "https://registry-1.docker.io", SavedRegistry.AuthMode.ANONYMOUS,
        "", false);
    AddressTarget t = of("alpine:3.20", hub);
    assertThat(t.registry()).isSameAs(hub);
    assertThat(t.repository()).isEqualTo("library/alpine");
    assertThat(t.reference()).isEqualTo("3.20");
  }

  @Test
  void aNewRegistryUsesDockerCredentials() {
    AddressTarget t = of("ghcr.io/org/tool:1");
    assertThat(t.registry().url()).isEqualTo("https://ghcr.io");
    assertThat(t.registry().auth()).isEqualTo(SavedRegistry.AuthMode.DOCKER_CREDENTIALS);
  }

  @Test
  void imagesOnDiskKeepTheirTransportAndTag() {
    Path dir = Path.of("/data/images");
    assertThat(of("oci:/data/images/layout:v2").registry().url()).isEqualTo("oci:" + dir.resolve("layout"));
    assertThat(of("oci:/data/images/layout:v2").reference()).isEqualTo("v2");
    assertThat(of("oci:/data/images/layout").reference()).isNull();
    assertThat(of("oci-archive:/data/images/app.tar:1").registry().url()).isEqualTo("oci-archive:/data/images/app.tar");
    AddressTarget docker = of("docker-archive:/data/images/saved.tar");
    assertThat(docker.registry().url()).isEqualTo("docker-archive:/data/images/saved.tar");
    assertThat(docker.repository()).isEqualTo("saved.tar");
  }
}
