package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformSelectorTest {
  private static Descriptor entry(int seed, String mediaType, String platform) {
    return Descriptor.of(mediaType, Digest.of(new byte[] {(byte) seed}), 100 + seed)
        .withPlatform(platform == null ? null : Platform.parse(platform));
  }

  private static final Descriptor SOCI_AMD64 = entry(1, MediaType.OCI_MANIFEST, "linux/amd64")
      .withArtifactType(MediaType.SOCI_INDEX_V2);
  private static final Descriptor AMD64 = entry(2, MediaType.OCI_MANIFEST, "linux/amd64");
  private static final Descriptor ARM64 = entry(3, MediaType.DOCKER_MANIFEST, null)
      .withPlatform(Platform.of("linux", "aarch64", "v8"));
  private static final Descriptor ATTESTATION = entry(4, MediaType.OCI_MANIFEST, null)
      .withPlatform(Platform.of("unknown", "unknown", ""));
  private static final Descriptor NESTED = entry(5, MediaType.OCI_INDEX, "linux/s390x");
  private static final ImageIndex INDEX = ImageIndex.of(List.of(SOCI_AMD64, AMD64, ARM64, ATTESTATION, NESTED));

  @Test
  void skipsSociDescriptorsWhenResolvingAPlatform() {
    assertThat(PlatformSelector.find(INDEX, Platform.parse("linux/amd64"))).contains(AMD64);
    assertThat(PlatformSelector.find(INDEX, Platform.parse("linux/arm64/v8"))).contains(ARM64);
    assertThat(PlatformSelector.find(INDEX, Platform.parse("linux/s390x"))).isEmpty();
  }

  @Test
  void selectsRequestedPlatformsOnceEach() {
    List<PlatformSelector.Selection> s = PlatformSelector.select(INDEX,
        List.of(Platform.parse("linux/arm64"), Platform.parse("linux/aarch64"), Platform.parse("linux/amd64")),
        false);
    assertThat(s).extracting(PlatformSelector.Selection::manifest).containsExactly(ARM64, AMD64);
    assertThat(s.get(0).platform().format()).isEqualTo("linux/arm64");
  }

  @Test
  void allPlatformsSkipsAttestationsAndNestedIndexes() {
    assertThat(PlatformSelector.select(INDEX, List.of(), true)).extracting(PlatformSelector.Selection::manifest)
        .containsExactly(AMD64, ARM64);
  }

  @Test
  void missingPlatformIsAnErrorThatListsWhatExists() {
    assertThatThrownBy(() -> PlatformSelector.select(INDEX, List.of(Platform.parse("linux/riscv64")), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("linux/riscv64").hasMessageContaining("linux/amd64, linux/arm64");
  }
}
