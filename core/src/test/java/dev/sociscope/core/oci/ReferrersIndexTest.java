package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferrersIndexTest {
  private static final String SOCI_V1 = "application/vnd.amazon.soci.index.v1+json";

  private static Descriptor sociIndexReferrer() throws Exception {
    return ReferrersIndex.referrerDescriptor(OciDocument.parse(Vectors.bytes("index/index-v1.json")));
  }

  @Test
  void referrerDescriptorTakesArtifactTypeFromConfigAndCopiesAnnotations() throws Exception {
    Descriptor d = sociIndexReferrer();
    assertThat(d.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(d.digest().toString())
        .isEqualTo("sha256:6a99dcc0bc28fe3dd83363efd476401d38b586ae059c33c71c959ae0c93d5db1");
    assertThat(d.size()).isEqualTo(2021);
    assertThat(d.artifactType()).isEqualTo(SOCI_V1);
    assertThat(d.annotations()).containsExactly(Map.entry("com.amazon.soci.build-tool-identifier", "oracle"));
  }

  @Test
  void explicitArtifactTypeWins() throws Exception {
    String golden = new String(Vectors.bytes("index/index-v2.json"), StandardCharsets.UTF_8);
    byte[] withType = golden.replace("\"config\":", "\"artifactType\":\"application/x-other\",\"config\":")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(ReferrersIndex.referrerDescriptor(OciDocument.parse(withType)).artifactType())
        .isEqualTo("application/x-other");
  }

  @Test
  void addingToAnEmptyFallbackTagWritesAFreshIndex() throws Exception {
    ReferrersIndex updated = ReferrersIndex.empty().add(sociIndexReferrer());
    assertThat(updated.needsUpdate()).isTrue();
    assertThat(new String(updated.toBytes(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
            + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"digest\":\"sha256:6a99dcc0bc28fe3dd83363efd476401d38b586ae059c33c71c959ae0c93d5db1\",\"size\":2021,"
            + "\"annotations\":{\"com.amazon.soci.build-tool-identifier\":\"oracle\"},"
            + "\"artifactType\":\"application/vnd.amazon.soci.index.v1+json\"}]}");
  }

  @Test
  void addKeepsOtherReferrersAndDoesNotDuplicate() throws Exception {
    Descriptor other = Descriptor.of(MediaType.OCI_MANIFEST, Digest.of(new byte[] {1}), 10)
        .withArtifactType("application/vnd.example.sbom");
    byte[] existing = OciJson.write(new ImageIndex(2, MediaType.OCI_INDEX, "", List.of(other), null,
        Map.of("old", "annotation"), Map.of()));
    ReferrersIndex updated = ReferrersIndex.parse(existing).add(sociIndexReferrer());
    assertThat(updated.referrers()).containsExactly(other, sociIndexReferrer());
    assertThat(updated.withArtifactType(SOCI_V1)).containsExactly(sociIndexReferrer());
    assertThat(updated.toIndex().annotations()).isEmpty();

    ReferrersIndex again = ReferrersIndex.parse(updated.toBytes()).add(sociIndexReferrer());
    assertThat(again.needsUpdate()).isFalse();
    assertThat(again.referrers()).hasSize(2);
  }

  @Test
  void existingDuplicatesAreCollapsed() throws Exception {
    Descriptor d = sociIndexReferrer();
    ReferrersIndex updated = ReferrersIndex.of(ImageIndex.of(List.of(d, d))).add(d);
    assertThat(updated.needsUpdate()).isTrue();
    assertThat(updated.referrers()).containsExactly(d);
  }

  @Test
  void detectsServerSideFiltering() {
    ImageIndex plain = ImageIndex.of(List.of());
    ImageIndex annotated = new ImageIndex(2, MediaType.OCI_INDEX, "", List.of(), null,
        Map.of(ReferrersIndex.FILTERS_APPLIED_ANNOTATION, "artifactType"), Map.of());
    assertThat(ReferrersIndex.artifactTypeFilterApplied(null, plain)).isFalse();
    assertThat(ReferrersIndex.artifactTypeFilterApplied("artifactType", plain)).isTrue();
    assertThat(ReferrersIndex.artifactTypeFilterApplied("annotation, artifactType", plain)).isTrue();
    assertThat(ReferrersIndex.artifactTypeFilterApplied("artifactTypes", plain)).isFalse();
    assertThat(ReferrersIndex.artifactTypeFilterApplied(null, annotated)).isTrue();
  }

  @Test
  void fallbackTagRules() {
    Digest d = Digest.parse("sha256:" + "ab".repeat(32));
    assertThat(ReferrersIndex.fallbackTag(d)).isEqualTo("sha256-" + "ab".repeat(32));
    assertThat(ReferrersIndex.fallbackTag("sha512:" + "c".repeat(128))).isEqualTo("sha512-" + "c".repeat(64));
    assertThat(ReferrersIndex.fallbackTag("a".repeat(40) + ":x+y")).isEqualTo("a".repeat(32) + "-x-y");
    assertThat(ReferrersIndex.fallbackTag("sha256+b64u:A=b")).isEqualTo("sha256-b64u-A-b");
  }
}
