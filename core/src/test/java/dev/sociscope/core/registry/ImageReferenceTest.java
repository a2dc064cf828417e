package dev.sociscope.core.registry;

import dev.sociscope.core.image.InvalidReferenceException;
import dev.sociscope.core.image.ImageReference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  static final String HEX = "a".repeat(64);

  @ParameterizedTest
  @CsvSource({
      "ubuntu, docker.io, library/ubuntu, latest, registry-1.docker.io",
      "ubuntu:22.04, docker.io, library/ubuntu, 22.04, registry-1.docker.io",
      "team/app, docker.io, team/app, latest, registry-1.docker.io",
      "docker.io/ubuntu, docker.io, library/ubuntu, latest, registry-1.docker.io",
      "index.docker.io/library/ubuntu:1, docker.io, library/ubuntu, 1, registry-1.docker.io",
      "localhost/app, localhost, app, latest, localhost",
      "localhost:5000/a/b/c:v1, localhost:5000, a/b/c, v1, localhost:5000",
      "127.0.0.1:5000/app:v1, 127.0.0.1:5000, app, v1, 127.0.0.1:5000",
      "public.ecr.aws/docker/library/redis:7, public.ecr.aws, docker/library/redis, 7, public.ecr.aws",
      "docker://ghcr.io/o/r:t, ghcr.io, o/r, t, ghcr.io",
      "[::1]:5000/app, [::1]:5000, app, latest, [::1]:5000",
  })
  void normalisesLikeDocker(String text, String registry, String repository, String tag, String apiHost) {
    ImageReference ref = ImageReference.parse(text);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.apiHost()).isEqualTo(apiHost);
  }

  @Test
  void digestWithAndWithoutTag() {
    ImageReference onlyDigest = ImageReference.parse("ghcr.io/o/r@sha256:" + HEX);
    assertThat(onlyDigest.tag()).isNull();
    assertThat(onlyDigest.digest().hex()).isEqualTo(HEX);
    assertThat(onlyDigest.manifestReference()).isEqualTo("sha256:" + HEX);
    assertThat(onlyDigest).hasToString("ghcr.io/o/r@sha256:" + HEX);

    ImageReference both = ImageReference.parse("localhost:5000/r:v1@sha256:" + HEX);
    assertThat(both.tag()).isEqualTo("v1");
    assertThat(both.manifestReference()).isEqualTo("sha256:" + HEX);
  }

  @Test
  void rejectsBadNamesWithTheTextNamed() {
    assertThatThrownBy(() -> ImageReference.parse("Team/App")).isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("Team/App");
    assertThatThrownBy(() -> ImageReference.parse("app:-bad")).hasMessageContaining("-bad");
    assertThatThrownBy(() -> ImageReference.parse("app@sha256:xyz")).hasMessageContaining("sha256:xyz");
    assertThatThrownBy(() -> ImageReference.parse("")).isInstanceOf(InvalidReferenceException.class);
    assertThatThrownBy(() -> ImageReference.parse("localhost:5000/")).isInstanceOf(InvalidReferenceException.class);
  }
}
