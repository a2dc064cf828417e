package dev.sociscope.core.soci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerCoverageTest {

  @Test
  void explainsEveryLayerOfTheSparseVectorIndex() throws Exception {
    List<Descriptor> layers = new ArrayList<>(OciJson.parseManifest(Vectors.bytes("index/image-manifest.json")).layers());
    layers.add(Descriptor.of(MediaType.OCI_LAYER_ZSTD, Digest.of(new byte[] {1}), 50_000_000));
    layers.add(Descriptor.of("application/vnd.example.foo", Digest.of(new byte[] {2}), 50_000_000));
    layers.add(Descriptor.of(MediaType.OCI_LAYER_GZIP, Digest.of(new byte[] {3}), 50_000_000));
    SociIndex index = SociIndex.parse(Vectors.bytes("index/index-v1-minlayer-1250695.json"));

    List<LayerCoverage> coverage = LayerCoverage.of(layers, index);

    assertThat(coverage).extracting(LayerCoverage::reason).containsExactly(
        LayerCoverage.Reason.BELOW_MIN_LAYER_SIZE, LayerCoverage.Reason.INDEXED,
        LayerCoverage.Reason.BELOW_MIN_LAYER_SIZE, LayerCoverage.Reason.INDEXED,
        LayerCoverage.Reason.UNSUPPORTED_COMPRESSION, LayerCoverage.Reason.NOT_A_LAYER,
        LayerCoverage.Reason.UNKNOWN);
    assertThat(coverage.get(1).ztocDescriptor()).map(ZtocDescriptor::ztocSize).contains(208248L);
    assertThat(coverage.get(0).ztocDescriptor()).isEmpty();
  }
}
