package dev.sociscope.core.soci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.testing.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class SociEnabledIndexTest {
  private static final Digest MANIFEST =
      Digest.parse("sha256:3c7fd0fa2d44e982b2d1fa67ad16a6bc2e7b77b47dcd8d6d58ff3b33a9f84c85");
  private static final Digest INDEX =
      Digest.parse("sha256:2fb877ca6f5ba49882db3fa451145c1e1a736839510f7574b344e28397854876");

  @Test
  void linksTheConvertVectorBothWays() throws Exception {
    SociEnabledIndex view = new SociEnabledIndex(OciJson.parseIndex(Vectors.bytes("index/convert-image-index.json")));
    assertThat(view.isSociEnabled()).isTrue();
    assertThat(view.imageManifests()).extracting(Descriptor::digest).containsExactly(MANIFEST);
    assertThat(view.entries()).hasSize(1);
    SociEnabledIndex.Entry entry = view.forPlatform(Platform.parse("linux/amd64")).orElseThrow();
    assertThat(entry.sociIndex().digest()).isEqualTo(INDEX);
    assertThat(entry.imageManifest().digest()).isEqualTo(MANIFEST);
    assertThat(view.forImageManifest(MANIFEST)).contains(entry);
    assertThat(view.forPlatform(Platform.parse("linux/arm64"))).isEmpty();
    // A naive platform match would also hit the SOCI descriptor; this one must not.
    assertThat(view.resolveImageManifest(Platform.parse("linux/amd64"))).map(Descriptor::digest).contains(MANIFEST);
    assertThat(SociEnabledIndex.indexDigestOf(
        OciJson.parseManifest(Vectors.bytes("index/convert-image-manifest.json")))).contains(INDEX);
  }

  @Test
  void fallsBackToTheManifestAnnotationWhenTheIndexDescriptorHasNone() {
    Platform amd64 = Platform.of("linux", "amd64", "");
    Descriptor image = Descriptor.of(MediaType.OCI_MANIFEST, MANIFEST, 993).withPlatform(amd64)
        .withAnnotation(SociAnnotations.INDEX_DIGEST, INDEX.toString());
    Descriptor soci = Descriptor.of(MediaType.OCI_MANIFEST, INDEX, 1858).withPlatform(amd64)
        .withArtifactType(MediaType.SOCI_INDEX_V2);
    SociEnabledIndex view = new SociEnabledIndex(ImageIndex.of(List.of(soci, image)));
    assertThat(view.entries().get(0).imageManifest()).isEqualTo(image);
    assertThat(view.resolveImageManifest(amd64)).contains(image);
  }

  @Test
  void aPlainIndexIsNotSociEnabled() {
    SociEnabledIndex view = new SociEnabledIndex(ImageIndex.of(List.of(
        Descriptor.of(MediaType.OCI_MANIFEST, MANIFEST, 993).withPlatform(Platform.parse("linux/amd64")))));
    assertThat(view.isSociEnabled()).isFalse();
    assertThat(view.entries()).isEmpty();
  }
}
