package dev.sociscope.core.soci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SociConvertTest {
  private static final SociIndexOptions V2_OPTIONS =
      new SociIndexOptions(SociVersion.V2, VectorZtocs.SPAN_1MIB, 0, "oracle", false, java.util.List.of());

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static OciDocument image() throws Exception {
    return OciDocument.parse(Vectors.bytes("index/image-manifest.json"));
  }

  private static SociIndexBuild v2Index(OciDocument image) throws Exception {
    return SociIndexBuilder.build(image.descriptor(), image.manifest().layers(), V2_OPTIONS, new VectorZtocs());
  }

  @Test
  void singleManifestConversionMatchesUpstreamByteForByte() throws Exception {
    OciDocument image = image();
    SociIndexBuild v2 = v2Index(image);
    assertThat(v2.bytes()).isEqualTo(Vectors.bytes("index/index-v2.json"));
    Platform configPlatform = OciJson.parseConfigPlatform(Vectors.bytes("index/image-config.json"));

    SociConvert.Result result = SociConvert.convertManifest(image, configPlatform,
        List.of(SociConvert.PlatformIndex.of(image.digest(), null, v2)));

    assertThat(result.manifests()).hasSize(1);
    assertThat(text(result.manifests().get(0).bytes()))
        .isEqualTo(text(Vectors.bytes("index/convert-image-manifest.json")));
    assertThat(result.manifests().get(0).originalDigest()).isEqualTo(image.digest());
    assertThat(text(result.indexBytes())).isEqualTo(text(Vectors.bytes("index/convert-image-index.json")));
    assertThat(result.indexDigest().toString())
        .isEqualTo("sha256:c8567a12c6977300d83dad2e4ea68e97b156648f9e1aa5310835c0fe3f8a9a5e");
  }

  @Test
  void indexSourceKeepsUnavailablePlatformsAndReplacesDescriptorAnnotations() throws Exception {
    OciDocument image = image();
    SociIndexBuild v2 = v2Index(image);
    Descriptor amd64 = image.descriptor().withPlatform(Platform.of("linux", "amd64", ""))
        .withAnnotation("descriptor-only", "lost");
    Descriptor arm64 = Descriptor.of(MediaType.DOCKER_MANIFEST, Digest.of(new byte[] {9}), 500)
        .withPlatform(Platform.of("linux", "arm64", ""));
    byte[] sourceBytes = OciJson.write(new ImageIndex(2, MediaType.DOCKER_MANIFEST_LIST, "",
        List.of(amd64, arm64), null, Map.of("idx", "kept"), Map.of()));
    OciDocument source = OciDocument.parse(sourceBytes);

    SociConvert.Result result = SociConvert.convertIndex(source, Map.of(image.digest(), image),
        List.of(SociConvert.PlatformIndex.of(image.digest(), null, v2)));

    ImageIndex out = result.index();
    assertThat(out.mediaType()).isEqualTo(MediaType.OCI_INDEX);
    assertThat(out.annotations()).containsEntry("idx", "kept");
    assertThat(out.manifests()).hasSize(3);
    Descriptor rewritten = out.manifests().get(0);
    assertThat(rewritten.digest().toString())
        .isEqualTo("sha256:3c7fd0fa2d44e982b2d1fa67ad16a6bc2e7b77b47dcd8d6d58ff3b33a9f84c85");
    assertThat(rewritten.annotations()).containsOnlyKeys(SociAnnotations.INDEX_DIGEST);
    assertThat(out.manifests().get(1)).isEqualTo(arm64);
    Descriptor soci = out.manifests().get(2);
    assertThat(soci.artifactType()).isEqualTo(MediaType.SOCI_INDEX_V2);
    assertThat(soci.platform()).isEqualTo(Platform.of("linux", "amd64", ""));
    assertThat(soci.annotation(SociAnnotations.IMAGE_MANIFEST_DIGEST)).isEqualTo(rewritten.digest().toString());

    // Re-converting the result replaces the SOCI descriptor of the same platform instead of adding one.
    OciDocument converted = OciDocument.parse(result.indexBytes());
    OciDocument rewrittenDoc = OciDocument.parse(result.manifests().get(0).bytes());
    SociConvert.Result again = SociConvert.convertIndex(converted, Map.of(rewrittenDoc.digest(), rewrittenDoc),
        List.of(SociConvert.PlatformIndex.of(rewrittenDoc.digest(), null, v2)));
    assertThat(again.index().manifests()).hasSize(3);
    assertThat(again.index().manifests().get(2).artifactType()).isEqualTo(MediaType.SOCI_INDEX_V2);
  }

  @Test
  void multiPlatformDockerListRewritesEveryAvailableManifestAndAppendsIndexesInOrder() throws Exception {
    OciDocument amd64Image = image();
    // A Docker-typed arm64 manifest with its own annotation and an unknown member.
    String armJson = new String(Vectors.bytes("index/image-manifest.json"), StandardCharsets.UTF_8)
        .replace(MediaType.OCI_MANIFEST, MediaType.DOCKER_MANIFEST)
        .replace(MediaType.OCI_CONFIG, MediaType.DOCKER_CONFIG)
        .replace("]}", "],\"annotations\":{\"z\":\"1\",\"a\":\"2\"},\"extra\":1}");
    OciDocument armImage = OciDocument.parse(armJson.getBytes(StandardCharsets.UTF_8));
    assertThat(armImage.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
    Platform amd64 = Platform.parse("linux/amd64");
    Platform arm64 = Platform.parse("linux/arm64");
    ImageIndex list = new ImageIndex(2, MediaType.DOCKER_MANIFEST_LIST, "", List.of(
        amd64Image.descriptor().withPlatform(amd64), armImage.descriptor().withPlatform(arm64)), null, Map.of(),
        Map.of());
    OciDocument source = OciDocument.parse(OciJson.write(list));
    SociIndexBuild amdIndex = v2Index(amd64Image);
    SociIndexBuild armIndex = SociIndexBuilder.build(armImage.descriptor(), armImage.manifest().layers(),
        V2_OPTIONS.withBuildToolIdentifier("other"), new VectorZtocs());

    SociConvert.Result result = SociConvert.convertIndex(source,
        Map.of(amd64Image.digest(), amd64Image, armImage.digest(), armImage),
        List.of(SociConvert.PlatformIndex.of(amd64Image.digest(), amd64, amdIndex),
            SociConvert.PlatformIndex.of(armImage.digest(), arm64, armIndex)));

    List<Descriptor> entries = result.index().manifests();
    assertThat(entries).hasSize(4);
    assertThat(entries).extracting(Descriptor::artifactType)
        .containsExactly("", "", MediaType.SOCI_INDEX_V2, MediaType.SOCI_INDEX_V2);
    assertThat(entries.get(2).digest()).isEqualTo(amdIndex.digest());
    assertThat(entries.get(3).digest()).isEqualTo(armIndex.digest());
    assertThat(entries.get(3).platform()).isEqualTo(arm64);
    SociConvert.RewrittenManifest armRewritten = result.manifests().get(1);
    assertThat(text(armRewritten.bytes())).startsWith("{\"schemaVersion\":2,\"mediaType\":\""
        + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\"")
        .endsWith("\"annotations\":{\"a\":\"2\",\"com.amazon.soci.index-digest\":\"" + armIndex.digest()
            + "\",\"z\":\"1\"}}")
        .doesNotContain("extra");
    assertThat(entries.get(1).annotations()).containsOnlyKeys("a", "z", SociAnnotations.INDEX_DIGEST);
    assertThat(entries.get(3).annotation(SociAnnotations.IMAGE_MANIFEST_DIGEST))
        .isEqualTo(armRewritten.digest().toString());
    // The view reads it back per platform.
    SociEnabledIndex view = new SociEnabledIndex(OciJson.parseIndex(result.indexBytes()));
    assertThat(view.forPlatform(arm64).orElseThrow().imageManifest().digest()).isEqualTo(armRewritten.digest());
  }

  @Test
  void refusesWhenNoPlatformHasAnIndex() throws Exception {
    assertThatThrownBy(() -> SociConvert.convertManifest(image(), Platform.parse("linux/amd64"), List.of()))
        .isInstanceOf(SociBuildException.class).hasMessageContaining("no ztocs created");
  }

  @Test
  void refusesAnIndexForAManifestThatIsNotAvailable() throws Exception {
    OciDocument image = image();
    SociIndexBuild v2 = v2Index(image);
    assertThatThrownBy(() -> SociConvert.convertManifest(image, Platform.parse("linux/amd64"),
        List.of(SociConvert.PlatformIndex.of(Digest.of(new byte[] {1}), null, v2))))
        .isInstanceOf(SociBuildException.class).hasMessageContaining("not an available manifest");
  }
}
