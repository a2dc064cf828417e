package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OciDocumentTest {
  private static final String D = "sha256:" + "a".repeat(64);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void infersManifestWithoutMediaType() throws Exception {
    // umoci writes manifests without mediaType.
    OciDocument doc = OciDocument.parse(utf8("{\"schemaVersion\":2,\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D + "\",\"size\":3},\"layers\":[]}"));
    assertThat(doc.kind()).isEqualTo(OciDocument.Kind.MANIFEST);
    assertThat(doc.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(doc.manifest().mediaType()).isEmpty();
    assertThat(doc.descriptor().mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
  }

  @Test
  void infersIndexWithoutMediaType() throws Exception {
    OciDocument doc = OciDocument.parse(utf8("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + D + "\",\"size\":3,"
        + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}}]}"));
    assertThat(doc.isIndex()).isTrue();
    assertThat(doc.index().manifests().get(0).platform().variant()).isEqualTo("v8");
  }

  @Test
  void usesContentTypeWhenBodyHasNoMediaType() throws Exception {
    OciDocument doc = OciDocument.parse(utf8("{\"schemaVersion\":2,\"manifests\":[]}"),
        MediaType.DOCKER_MANIFEST_LIST + "; charset=utf-8");
    assertThat(doc.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_LIST);
    assertThat(doc.isIndex()).isTrue();
  }

  @Test
  void reportsAMediaTypeThatDisagreesWithContentType() throws Exception {
    byte[] index = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_INDEX + "\",\"manifests\":[]}");
    assertThat(OciDocument.parse(index, MediaType.OCI_INDEX).mediaTypeMismatch()).isEmpty();
    assertThat(OciDocument.parse(index, "application/json").mediaTypeMismatch()).isEmpty();
    assertThat(OciDocument.parse(index, MediaType.OCI_MANIFEST).mediaTypeMismatch()).get().asString()
        .contains("served as " + MediaType.OCI_MANIFEST);
    assertThat(OciDocument.parse(index, MediaType.OCI_MANIFEST).isIndex()).isTrue();
  }

  @Test
  void namesLayoutEntriesByRefName() {
    Descriptor d = Descriptor.of(MediaType.OCI_INDEX, Digest.of(new byte[0]), 1);
    assertThat(OciAnnotations.imageName(d)).isNull();
    assertThat(OciAnnotations.imageName(d.withAnnotation(OciAnnotations.CONTAINERD_IMAGE_NAME, "docker.io/x:1")))
        .isEqualTo("docker.io/x:1");
    assertThat(OciAnnotations.imageName(d.withAnnotation(OciAnnotations.CONTAINERD_IMAGE_NAME, "docker.io/x:1")
        .withAnnotation(OciAnnotations.REF_NAME, "latest"))).isEqualTo("latest");
  }

  @Test
  void readsLegacyArtifactManifestsForDisplay() throws Exception {
    byte[] legacy = utf8("{\"mediaType\":\"" + MediaType.OCI_ARTIFACT_MANIFEST + "\",\"artifactType\":\""
        + MediaType.SOCI_INDEX_V1 + "\",\"blobs\":[{\"mediaType\":\"application/octet-stream\",\"digest\":\""
        + D + "\",\"size\":7}],\"subject\":{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\""
        + D + "\",\"size\":9}}");
    OciDocument doc = OciDocument.parse(legacy);
    assertThat(doc.kind()).isEqualTo(OciDocument.Kind.ARTIFACT_MANIFEST);
    assertThat(doc.artifactManifest().artifactType()).isEqualTo(MediaType.SOCI_INDEX_V1);
    assertThat(doc.artifactManifest().blobs()).singleElement().extracting(Descriptor::size).isEqualTo(7L);
    assertThat(doc.artifactManifest().subject().size()).isEqualTo(9);
    assertThatThrownBy(() -> dev.sociscope.core.soci.SociIndex.from(doc))
        .isInstanceOf(OciFormatException.class).hasMessageContaining("legacy");
    assertThatThrownBy(() -> OciDocument.parse(utf8("{\"mediaType\":\"" + MediaType.OCI_ARTIFACT_MANIFEST
        + "\",\"blobs\":{}}"))).isInstanceOf(OciFormatException.class).hasMessageContaining("blobs");
  }

  @Test
  void keepsUnknownFieldsButDoesNotWriteThem() throws Exception {
    OciDocument doc = OciDocument.parse(utf8("{\"schemaVersion\":2,\"mediaType\":"
        + "\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"" + D
        + "\",\"size\":1,\"extra\":[1]}],\"foo\":true}"));
    assertThat(doc.index().unknownFields()).containsKey("foo");
    assertThat(doc.index().manifests().get(0).unknownFields()).containsKey("extra");
    assertThat(new String(OciJson.write(doc.index()), StandardCharsets.UTF_8))
        .isEqualTo("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"" + D + "\",\"size\":1}]}");
  }

  @Test
  void rejectsSchema1AndUnknownShapes() {
    assertThatThrownBy(() -> OciDocument.parse(utf8("{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}")))
        .isInstanceOf(OciFormatException.class).hasMessageContaining("schema 1");
    assertThatThrownBy(() -> OciDocument.parse(utf8("{\"hello\":1}")))
        .isInstanceOf(OciFormatException.class).hasMessageContaining("not an image index or manifest");
  }

  @Test
  void namesTheBadMember() {
    assertThatThrownBy(() -> OciDocument.parse(utf8("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + D
        + "\",\"size\":1},\"layers\":[{\"digest\":\"" + D + "\",\"size\":\"12\"}]}")))
        .isInstanceOf(OciFormatException.class).hasMessageContaining("layers[0].size");
    assertThatThrownBy(() -> OciDocument.parse(utf8("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:xyz\","
        + "\"size\":1},\"layers\":[]}")))
        .isInstanceOf(OciFormatException.class).hasMessageContaining("config.digest");
    assertThatThrownBy(() -> OciDocument.parse(utf8("{\"manifests\":[]} x")))
        .isInstanceOf(OciFormatException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> OciDocument.parse(utf8("{\"schemaVersion\":\"2\",\"manifests\":[]}")))
        .isInstanceOf(OciFormatException.class)
        .hasMessage("image index: schemaVersion: expected an integer, got string \"2\"");
    assertThatThrownBy(() -> OciDocument.parse(utf8("{\"manifests\":[],\"annotations\":{\"a\":1}}")))
        .isInstanceOf(OciFormatException.class)
        .hasMessage("image index: annotations[\"a\"]: expected a string, got number 1");
    assertThatThrownBy(() -> OciDocument.parse(new byte[0]))
        .isInstanceOf(OciFormatException.class).hasMessageContaining("empty");
  }

  @Test
  void invalidUtf8BecomesReplacementCharactersLikeGo() throws Exception {
    byte[] prefix = utf8("{\"manifests\":[],\"annotations\":{\"k\":\"a");
    byte[] suffix = utf8("b\"}}");
    byte[] bytes = new byte[prefix.length + 3 + suffix.length];
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    bytes[prefix.length] = (byte) 0xE2; // truncated 3-byte sequence: Go replaces each byte
    bytes[prefix.length + 1] = (byte) 0x82;
    bytes[prefix.length + 2] = (byte) 0xFF;
    System.arraycopy(suffix, 0, bytes, prefix.length + 3, suffix.length);
    OciDocument doc = OciDocument.parse(bytes);
    assertThat(doc.index().annotation("k")).isEqualTo("a\uFFFD\uFFFD\uFFFDb");
    assertThat(new String(OciJson.write(doc.index()), StandardCharsets.UTF_8)).contains("\"k\":\"a\uFFFD\uFFFD\uFFFDb\"");
  }
}
