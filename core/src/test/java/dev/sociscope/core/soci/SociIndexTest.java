package dev.sociscope.core.soci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SociIndexTest {
  private static final Digest PAX_LAYER =
      Digest.parse("sha256:af699d4f9fd4b6148f8590c8d6c29e15d3a0c27c0f699d0b1d05f9e64e6e3a21");

  @Test
  void readsV1WithSubjectAndZtocsKeyedByLayer() throws Exception {
    SociIndex index = SociIndex.parse(Vectors.bytes("index/index-v1.json"));
    assertThat(index.version()).isEqualTo(SociVersion.V1);
    assertThat(index.ztocs()).hasSize(4);
    assertThat(index.subject()).map(s -> s.digest().toString())
        .contains("sha256:3c6e07970d461b0dc493e69af3809d1badba16aa2b2e637574bd5bbfacfc812d");
    ZtocDescriptor pax = index.ztocFor(PAX_LAYER).orElseThrow();
    assertThat(pax.ztocDigest().toString())
        .isEqualTo("sha256:95ced0fce7906654b51c60311a147f3057c1a98b4ab32c2843d5141933276f7b");
    assertThat(pax.ztocSize()).isEqualTo(208248);
    assertThat(pax.spanSize()).isEqualTo(1048576);
    assertThat(pax.layerMediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    assertThat(pax.disableXattrs()).isFalse();
    assertThat(index.buildToolIdentifier()).isEqualTo("oracle");
    assertThat(index.blobs()).hasSize(5);
    assertThat(index.canonicalBytes()).isEqualTo(Vectors.bytes("index/index-v1.json"));
  }

  @Test
  void readsV2WithoutSubjectAndXattrFlags() throws Exception {
    assertThat(SociIndex.parse(Vectors.bytes("index/index-v2.json")).subject()).isEmpty();
    SociIndex xattr = SociIndex.parse(Vectors.bytes("index/index-v1-xattr-opt.json"));
    assertThat(xattr.ztocs()).extracting(ZtocDescriptor::disableXattrs).containsExactly(true, false, true, true);
  }

  @Test
  void toleratesForeignArtifactTypeButItIsNotCanonical() throws Exception {
    String golden = new String(Vectors.bytes("index/index-v2.json"), StandardCharsets.UTF_8);
    String foreign = golden.replace("\"config\":", "\"artifactType\":\"application/vnd.amazon.soci.index.v2+json\","
        + "\"config\":");
    SociIndex index = SociIndex.parse(foreign.getBytes(StandardCharsets.UTF_8));
    assertThat(index.manifest().artifactType()).isEqualTo("application/vnd.amazon.soci.index.v2+json");
    assertThat(index.canonicalBytes()).isEqualTo(golden.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void findsV1IndexesOfALayoutAndChecksCanonicalBytes() throws Exception {
    dev.sociscope.core.oci.OciDocument image = dev.sociscope.core.oci.OciDocument.parse(
        Vectors.bytes("index/image-manifest.json"));
    dev.sociscope.core.oci.OciDocument v1 = dev.sociscope.core.oci.OciDocument.parse(
        Vectors.bytes("index/index-v1.json"));
    dev.sociscope.core.oci.OciDocument v2 = dev.sociscope.core.oci.OciDocument.parse(
        Vectors.bytes("index/index-v2.json"));
    String pretty = new String(Vectors.bytes("index/index-v1-minlayer-1MiB.json"), StandardCharsets.UTF_8)
        .replace(",\"", ", \"");
    dev.sociscope.core.oci.OciDocument prettyV1 = dev.sociscope.core.oci.OciDocument.parse(
        pretty.getBytes(StandardCharsets.UTF_8));
    assertThat(SociIndex.v1IndexesFor(image.digest(), java.util.List.of(image, v1, v2, prettyV1)))
        .containsExactly(v1, prettyV1);
    assertThat(SociIndex.v1IndexesFor(v2.digest(), java.util.List.of(image, v1, v2))).isEmpty();
    assertThat(SociIndex.isCanonical(v1)).isTrue();
    assertThat(SociIndex.isCanonical(prettyV1)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/vnd.oci.image.config.v1+json", "application/vnd.amazon.soci.index.v3+json"})
  void rejectsOtherConfigTypesWithUnknownIndexVersion(String configType) {
    String golden = new String(Vectors.bytes("index/index-v1.json"), StandardCharsets.UTF_8);
    byte[] other = golden.replace("application/vnd.amazon.soci.index.v1+json", configType)
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SociIndex.parse(other))
        .isInstanceOf(UnknownIndexVersionException.class)
        .hasMessageStartingWith("unknown index version")
        .hasMessageContaining(configType);
  }

  @Test
  void rejectsZtocWithoutLayerDigest() {
    String golden = new String(Vectors.bytes("index/index-v1.json"), StandardCharsets.UTF_8);
    byte[] broken = golden.replaceFirst("com.amazon.soci.image-layer-digest", "x")
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SociIndex.parse(broken)).isInstanceOf(SociFormatException.class)
        .hasMessageContaining("layers[0]");
  }

  @Test
  void rejectsAnIndexThatIsNotAManifest() {
    byte[] index = Vectors.bytes("index/convert-image-index.json");
    assertThatThrownBy(() -> SociIndex.parse(index)).isInstanceOf(OciFormatException.class);
  }
}
