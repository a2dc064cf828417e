package dev.sociscope.core.soci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import org.junit.jupiter.api.Test;

class LayerRuleTest {
  private static Descriptor layer(String mediaType, long size) {
    return Descriptor.of(mediaType, Digest.of(new byte[] {(byte) size}), size);
  }

  @Test
  void aLayerOfExactlyTheMinSizeIsIndexed() {
    assertThat(LayerRule.decide(layer(MediaType.OCI_LAYER_GZIP, 10L << 20), SociDefaults.MIN_LAYER_SIZE).verdict())
        .isEqualTo(LayerRule.Verdict.INDEX);
    assertThat(LayerRule.decide(layer(MediaType.OCI_LAYER_GZIP, (10L << 20) - 1), SociDefaults.MIN_LAYER_SIZE)
        .verdict()).isEqualTo(LayerRule.Verdict.BELOW_MIN_SIZE);
  }

  @Test
  void theMinSizeIsCheckedBeforeTheCompressionAsUpstreamDoes() {
    LayerRule.Decision small = LayerRule.decide(layer(MediaType.OCI_LAYER_ZSTD, 1000), 2000);
    assertThat(small.verdict()).isEqualTo(LayerRule.Verdict.BELOW_MIN_SIZE);
    assertThat(small.upstreamMessage()).contains("is less than min-layer-size 2000");
    LayerRule.Decision large = LayerRule.decide(layer(MediaType.OCI_LAYER_ZSTD, 3000), 2000);
    assertThat(large.verdict()).isEqualTo(LayerRule.Verdict.UNSUPPORTED_COMPRESSION);
    assertThat(large.upstreamMessage()).endsWith("expect: [tar, gzip, unknown] but got \"zstd\"");
    assertThat(large.reason()).contains("zstd");
  }

  @Test
  void plainTarAndDockerTarAreIndexedButNondistributableTarIsNot() {
    assertThat(LayerRule.decide(layer(MediaType.OCI_LAYER_TAR, 5000), 0).indexed()).isTrue();
    assertThat(LayerRule.decide(layer("application/vnd.docker.image.rootfs.diff.tar", 5000), 0).indexed()).isTrue();
    LayerRule.Decision nd = LayerRule.decide(layer("application/vnd.oci.image.layer.nondistributable.v1.tar", 5000), 0);
    assertThat(nd.verdict()).isEqualTo(LayerRule.Verdict.UNSUPPORTED_COMPRESSION);
    assertThat(nd.upstreamMessage()).endsWith("but got \"\"");
  }

  @Test
  void prefetchArtifactsAreIgnoredAndForeignTypesFailTheBuild() {
    assertThat(LayerRule.decide(layer(MediaType.SOCI_PREFETCH, 1 << 30), 0).verdict())
        .isEqualTo(LayerRule.Verdict.PREFETCH_ARTIFACT);
    LayerRule.Decision foreign = LayerRule.decide(layer("application/json", 1 << 30), 0);
    assertThat(foreign.failsBuild()).isTrue();
    assertThat(foreign.reason()).contains("application/json").contains("not a layer type");
  }
}
