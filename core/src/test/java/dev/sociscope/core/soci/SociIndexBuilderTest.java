package dev.sociscope.core.soci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SociIndexBuilderTest {
  private static final SociIndexOptions VECTOR_OPTIONS = new SociIndexOptions(SociVersion.V1,
      VectorZtocs.SPAN_1MIB, 0, "oracle", false, java.util.List.of());

  private static OciDocument imageManifest() throws Exception {
    return OciDocument.parse(Vectors.bytes("index/image-manifest.json"));
  }

  private static SociIndexBuild build(SociIndexOptions options) throws Exception {
    OciDocument image = imageManifest();
    return SociIndexBuilder.build(image.descriptor(), image.manifest().layers(), options, new VectorZtocs());
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "index-v1.json, V1, 0, false",
      "index-v1-minlayer-1MiB.json, V1, 1048576, false",
      "index-v1-minlayer-1250695.json, V1, 1250695, false",
      "index-v1-minlayer-1MiB.json, V1, 1250694, false",
      "index-v1-xattr-opt.json, V1, 0, true",
      "index-v2.json, V2, 0, false",
  })
  void rebuildsGoldenIndexByteForByte(String golden, SociVersion version, long minLayerSize, boolean xattr)
      throws Exception {
    SociIndexBuild build = build(VECTOR_OPTIONS.withVersion(version).withMinLayerSize(minLayerSize)
        .withXattrOptimization(xattr));
    byte[] expected = Vectors.bytes("index/" + golden);
    assertThat(text(build.bytes())).isEqualTo(text(expected));
    assertThat(build.bytes()).isEqualTo(expected);
    assertThat(build.digest()).isEqualTo(Digest.of(expected));
  }

  @Test
  void rebuildsXattrIndexFromTheRealZtocBlobs() throws Exception {
    java.util.Map<String, String> ztocFileByLayer = new java.util.HashMap<>();
    for (com.fasterxml.jackson.databind.JsonNode layer : Vectors.manifest().get("layers")) {
      for (com.fasterxml.jackson.databind.JsonNode z : layer.get("ztocs")) {
        if (z.get("span_size").asLong() == VectorZtocs.SPAN_1MIB) {
          ztocFileByLayer.put(layer.get("digest").asText(), z.get("file").asText());
        }
      }
    }
    OciDocument image = imageManifest();
    SociIndexBuild build = SociIndexBuilder.build(image.descriptor(), image.manifest().layers(),
        VECTOR_OPTIONS.withXattrOptimization(true), (layer, compression) -> {
          byte[] blob = Vectors.bytes(ztocFileByLayer.get(layer.digest().toString()));
          return BuiltZtoc.of(dev.sociscope.core.ztoc.ZtocReader.read(blob), blob, false);
        });
    assertThat(build.bytes()).isEqualTo(Vectors.bytes("index/index-v1-xattr-opt.json"));
  }

  @Test
  void aNonLayerFailsBeforeAnyZtocIsMade() throws Exception {
    List<Descriptor> layers = new ArrayList<>(imageManifest().manifest().layers());
    layers.add(Descriptor.of(MediaType.OCI_CONFIG, Digest.of(new byte[] {4}), 20_000_000));
    VectorZtocs maker = new VectorZtocs();
    assertThatThrownBy(() -> SociIndexBuilder.build(imageManifest().descriptor(), layers, VECTOR_OPTIONS, maker))
        .isInstanceOf(SociBuildException.class);
    assertThat(maker.calls()).isZero();
  }

  @Test
  void boundaryLayerOfExactlyMinSizeIsKept() throws Exception {
    SociIndexBuild build = build(VECTOR_OPTIONS.withMinLayerSize(1250694));
    assertThat(build.decisions()).extracting(LayerDecision::verdict).containsExactly(
        LayerRule.Verdict.BELOW_MIN_SIZE, LayerRule.Verdict.INDEX,
        LayerRule.Verdict.INDEX, LayerRule.Verdict.INDEX);
  }

  @Test
  void printsUpstreamsPerLayerLines() throws Exception {
    SociIndexBuild build = build(VECTOR_OPTIONS.withMinLayerSize(1250695));
    assertThat(build.messages()).containsExactly(
        "ztoc skipped - layer sha256:0944f0bc948a2e936689fbc1650d80692f6c7a1788e2aa6be079552e600fe991"
            + " (application/vnd.oci.image.layer.v1.tar+gzip) size 79494 is less than min-layer-size 1250695",
        "layer sha256:af699d4f9fd4b6148f8590c8d6c29e15d3a0c27c0f699d0b1d05f9e64e6e3a21"
            + " -> ztoc sha256:95ced0fce7906654b51c60311a147f3057c1a98b4ab32c2843d5141933276f7b",
        "ztoc skipped - layer sha256:d137519b807012e7530d19c2beb2fd17b9140e0ee7fad6b5e4a545c0c39fe2b1"
            + " (application/vnd.oci.image.layer.v1.tar+gzip) size 1250694 is less than min-layer-size 1250695",
        "layer sha256:13271ed41e3419ca8e56011f08eeb309c80aab1923b4a26c2ca81f509bf78eb2"
            + " -> ztoc sha256:590c0345d8bb06848b98d44941bc2bbe64053e46841dcf515147bccedfefca57");
  }

  @Test
  void zstdIsSkippedAndPrefetchIgnoredWithoutCallingTheMaker() throws Exception {
    ImageManifest m = imageManifest().manifest();
    List<Descriptor> layers = new ArrayList<>(m.layers());
    Descriptor zstd = Descriptor.of(MediaType.OCI_LAYER_ZSTD, Digest.of(new byte[] {1}), 50_000_000);
    layers.add(zstd);
    layers.add(Descriptor.of(MediaType.SOCI_PREFETCH, Digest.of(new byte[] {2}), 78));
    VectorZtocs maker = new VectorZtocs();
    SociIndexBuild build = SociIndexBuilder.build(imageManifest().descriptor(), layers, VECTOR_OPTIONS, maker);
    assertThat(maker.calls()).isEqualTo(4);
    assertThat(build.decisions().get(4).verdict()).isEqualTo(LayerRule.Verdict.UNSUPPORTED_COMPRESSION);
    assertThat(build.decisions().get(4).message()).isEqualTo("ztoc skipped - layer " + zstd.digest()
        + " (application/vnd.oci.image.layer.v1.tar+zstd) is compressed in an unsupported format."
        + " expect: [tar, gzip, unknown] but got \"zstd\"");
    assertThat(build.decisions().get(5).verdict()).isEqualTo(LayerRule.Verdict.PREFETCH_ARTIFACT);
    assertThat(build.messages()).hasSize(5);
    // Same bytes as without the extra descriptors.
    assertThat(build.bytes()).isEqualTo(Vectors.bytes("index/index-v1.json"));
  }

  @Test
  void nondistributableTarIsUnsupportedWithEmptyName() throws Exception {
    Descriptor nd = Descriptor.of(MediaType.OCI_LAYER_NONDISTRIBUTABLE_TAR, Digest.of(new byte[] {3}), 10);
    assertThatThrownBy(() -> SociIndexBuilder.build(imageManifest().descriptor(), List.of(nd), VECTOR_OPTIONS,
        new VectorZtocs()))
        .isInstanceOf(EmptySociIndexException.class)
        .hasMessage("no ztocs created, all layers either skipped or produced errors");
  }

  @Test
  void aNonLayerFailsTheWholeBuild() throws Exception {
    List<Descriptor> layers = new ArrayList<>(imageManifest().manifest().layers());
    layers.add(1, Descriptor.of(MediaType.OCI_CONFIG, Digest.of(new byte[] {4}), 20_000_000));
    assertThatThrownBy(() -> SociIndexBuilder.build(imageManifest().descriptor(), layers, VECTOR_OPTIONS,
        new VectorZtocs()))
        .isInstanceOf(SociBuildException.class)
        .isNotInstanceOf(EmptySociIndexException.class)
        .hasMessageContaining("not a layer mediaType")
        .hasMessageContaining("layers[1]");
  }

  @Test
  void allSkippedGivesEmptyIndexError() throws Exception {
    assertThatThrownBy(() -> build(SociIndexOptions.defaults(SociVersion.V1)))
        .isInstanceOf(EmptySociIndexException.class);
  }

  @Test
  void reusedZtocSaysAlreadyExists() throws Exception {
    OciDocument image = imageManifest();
    SociIndexBuild build = SociIndexBuilder.build(image.descriptor(), image.manifest().layers().subList(0, 1),
        VECTOR_OPTIONS, (layer, compression) -> new BuiltZtoc(Digest.of(new byte[] {5}), 9, false, false, true));
    assertThat(build.messages().get(0)).endsWith(" (already exists)");
  }

  @Test
  void prefetchDescriptorsFollowZtocsInLayerOrder() throws Exception {
    OciDocument image = imageManifest();
    List<Descriptor> layers = image.manifest().layers();
    PrefetchDescriptor p3 = prefetch(layers.get(3).digest(), 7);
    PrefetchDescriptor p0 = prefetch(layers.get(0).digest(), 8);
    SociIndexBuild build = SociIndexBuilder.build(image.descriptor(), layers, VECTOR_OPTIONS, new VectorZtocs(),
        List.of(p3, p0));
    List<Descriptor> written = build.index().manifest().layers();
    assertThat(written).hasSize(6);
    assertThat(written.get(4)).isEqualTo(p0.descriptor());
    assertThat(written.get(5)).isEqualTo(p3.descriptor());
    assertThat(build.index().prefetches()).extracting(PrefetchDescriptor::layerDigest)
        .containsExactly(layers.get(0).digest(), layers.get(3).digest());
  }

  private static PrefetchDescriptor prefetch(Digest layer, int seed) {
    return new PrefetchDescriptor(Descriptor.of(MediaType.SOCI_PREFETCH, Digest.of(new byte[] {(byte) seed}), 78)
        .withAnnotation(SociAnnotations.IMAGE_LAYER_DIGEST, layer.toString()), layer);
  }
}
