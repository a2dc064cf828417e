package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.MediaType.Compression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypeTest {

  @ParameterizedTest
  @CsvSource({
      "application/vnd.oci.image.layer.v1.tar+gzip, GZIP",
      "application/vnd.docker.image.rootfs.diff.tar.gzip, GZIP",
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip, GZIP",
      "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip, GZIP",
      "application/vnd.oci.image.layer.v1.tar, UNCOMPRESSED",
      "application/vnd.docker.image.rootfs.diff.tar, UNKNOWN",
      "application/vnd.docker.image.rootfs.foreign.diff.tar, UNKNOWN",
      "application/vnd.oci.image.layer.v1.tar+zstd, ZSTD",
      "application/vnd.docker.image.rootfs.diff.tar.zstd, ZSTD",
      "application/vnd.oci.image.layer.nondistributable.v1.tar, UNSUPPORTED",
      "application/vnd.oci.image.layer.v1.tar+foo, UNSUPPORTED",
      "application/vnd.docker.image.rootfs.diff.tar.gzip+encrypted, UNSUPPORTED",
  })
  void compressionFollowsContainerd(String mediaType, Compression expected) {
    assertThat(MediaType.isLayer(mediaType)).isTrue();
    assertThat(MediaType.compressionOf(mediaType)).isEqualTo(expected);
  }

  @Test
  void sortedSuffixesDecide() {
    // containerd sorts "+" suffixes, so [gzip, encrypted] becomes [encrypted, gzip] and gzip is last (spec 1.3).
    assertThat(MediaType.compressionOf("application/vnd.oci.image.layer.v1.tar+gzip+encrypted"))
        .isEqualTo(Compression.GZIP);
    assertThat(MediaType.compressionOf("application/vnd.oci.image.layer.v1.tar+encrypted+gzip"))
        .isEqualTo(Compression.GZIP);
    assertThat(MediaType.compressionOf("application/vnd.oci.image.layer.v1.tar+zstd+gzip"))
        .isEqualTo(Compression.ZSTD);
  }

  @Test
  void classifiesDocumentsAndNonLayers() {
    assertThat(MediaType.isIndex(MediaType.DOCKER_MANIFEST_LIST)).isTrue();
    assertThat(MediaType.isManifest(MediaType.DOCKER_MANIFEST)).isTrue();
    assertThat(MediaType.isLayer(MediaType.OCI_CONFIG)).isFalse();
    assertThat(MediaType.isLayer(MediaType.SOCI_PREFETCH)).isFalse();
    assertThat(MediaType.isLayer("application/vnd.docker.image.rootfs.diff.tar.gzip+encrypted")).isTrue();
    assertThat(MediaType.stripParameters("Application/JSON; charset=utf-8")).isEqualTo("application/json");
  }
}
