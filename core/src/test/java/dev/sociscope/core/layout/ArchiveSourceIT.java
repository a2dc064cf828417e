package dev.sociscope.core.layout;

import dev.sociscope.core.error.CorruptInputException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.TestImages.BuiltImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images on disk: layout folders, oci-archives (plain and gzip) and both docker-archive forms, read in place. */
class ArchiveSourceIT {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  BuiltImage image() throws IOException {
    return TestImages.multiPlatform(tmp.resolve("layout"), "v1", List.of("linux/amd64", "linux/arm64"));
  }

  void assertReadsImage(LocalImageSource source, BuiltImage image, String tag) throws IOException {
    OciDocument top = source.manifest(tag);
    assertThat(top.digest()).isEqualTo(image.digest());
    assertThat(source.tags()).contains("v1");
    for (TestImages.Manifest m : image.manifests()) {
      OciDocument doc = source.manifest(m.digest().toString());
      assertThat(doc.bytes()).isEqualTo(m.bytes());
      TestImages.Blob layer = m.layers().get(0);
      byte[] expected = Files.readAllBytes(image.layout().resolve("blobs/sha256/" + layer.digest().hex()));
      assertThat(source.readBlob(layer.digest())).isEqualTo(expected);
      assertThat(source.blobSize(layer.digest())).isEqualTo(expected.length);
      assertThat(source.readBlobRange(layer.digest(), 3, 7)).isEqualTo(Arrays.copyOfRange(expected, 3, 10));
    }
  }

  @Test
  void layoutFolder() throws IOException {
    BuiltImage image = image();
    try (LocalImageSource source = LocalImageSource.openLayout(image.layout())) {
      assertReadsImage(source, image, "v1");
      assertThat(source.manifest(null).digest()).isEqualTo(image.digest()); // the only entry
      assertThatThrownBy(() -> source.manifest("v9")).isInstanceOf(NotFoundException.class)
          .hasMessageContaining("v9").hasMessageContaining("names: v1");
    }
  }

  @Test
  void ociArchiveReadInPlaceAndGzipped() throws IOException {
    BuiltImage image = image();
    Path tar = tmp.resolve("image.tar");
    TestImages.run("tar", "-C", image.layout().toString(), "-cf", tar.toString(), ".");
    try (LocalImageSource source = LocalImageSource.openOciArchive(tar)) {
      assertReadsImage(source, image, "v1");
      Digest layer = image.manifests().get(0).layers().get(0).digest();
      FileRegion region = source.blobRegion(layer).orElseThrow();
      assertThat(region.file()).isEqualTo(tar); // no extraction: a byte range of the archive itself
      assertThat(region.offset()).isPositive();
    }
    TestImages.run("gzip", "-k", tar.toString());
    try (LocalImageSource source = LocalImageSource.openOciArchive(Path.of(tar + ".gz"))) {
      assertReadsImage(source, image, "v1");
    }
  }

  @Test
  void corruptBlobInArchiveIsRefused() throws IOException {
    BuiltImage image = image();
    Digest layer = image.manifests().get(0).layers().get(0).digest();
    byte[] bytes = Files.readAllBytes(image.layout().resolve("blobs/sha256/" + layer.hex()));
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(image.layout().resolve("blobs/sha256/" + layer.hex()), bytes);
    try (LocalImageSource source = LocalImageSource.openLayout(image.layout())) {
      assertThatThrownBy(() -> source.readBlob(layer)).isInstanceOf(DigestMismatchException.class);
    }
  }

  @Test
  void notALayoutIsAReadableError() throws IOException {
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> LocalImageSource.openLayout(tmp.resolve("empty")))
        .isInstanceOf(CorruptInputException.class).hasMessageContaining("oci-layout");
    Path notTar = Files.writeString(tmp.resolve("x.tar"), "this is not a tar archive at all".repeat(30));
    assertThatThrownBy(() -> LocalImageSource.openOciArchive(notTar)).isInstanceOf(CorruptInputException.class)
        .hasMessageContaining("oci-archive:");
  }

  @Test
  void dockerArchiveLegacyGetsASynthesisedManifest() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("docker"));
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
    Files.writeString(rootfs.resolve("hello.txt"), "hi\n");
    Path layerDir = Files.createDirectories(dir.resolve("abc123"));
    TestImages.run("tar", "-C", rootfs.toString(), "-cf", layerDir.resolve("layer.tar").toString(), ".");
    Files.writeString(layerDir.resolve("VERSION"), "1.0");
    byte[] layer = Files.readAllBytes(layerDir.resolve("layer.tar"));
    ObjectNode config = JSON.createObjectNode().put("architecture", "amd64").put("os", "linux");
    config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add(Digest.of(layer).toString());
    byte[] configBytes = JSON.writeValueAsBytes(config);
    Files.write(dir.resolve(Digest.of(configBytes).hex() + ".json"), configBytes);
    ArrayNode manifest = JSON.createArrayNode();
    ObjectNode entry = manifest.addObject().put("Config", Digest.of(configBytes).hex() + ".json");
    entry.putArray("RepoTags").add("example/app:v1");
    entry.putArray("Layers").add("abc123/layer.tar");
    Files.write(dir.resolve("manifest.json"), JSON.writeValueAsBytes(manifest));
    Path tar = tmp.resolve("docker.tar");
    TestImages.run("tar", "-C", dir.toString(), "-cf", tar.toString(), ".");

    try (LocalImageSource source = LocalImageSource.openDockerArchive(tar)) {
      assertThat(source.tags()).containsExactly("example/app:v1");
      OciDocument doc = source.manifest("v1");
      assertThat(doc.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
      assertThat(source.manifest(null)).isEqualTo(doc);
      Descriptor layerDescriptor = doc.manifest().layers().get(0);
      assertThat(layerDescriptor.mediaType()).isEqualTo(MediaType.DOCKER_LAYER_TAR);
      assertThat(layerDescriptor.digest()).isEqualTo(Digest.of(layer)); // the diff id
      assertThat(source.readBlob(layerDescriptor.digest())).isEqualTo(layer);
      assertThat(source.readBlob(doc.manifest().config().digest())).isEqualTo(configBytes);
    }
  }

  @Test
  void dockerArchive25IsAnOciLayoutWithManifestJson() throws IOException {
    BuiltImage image = TestImages.singlePlatform(tmp.resolve("d25"), "v1", Map.of("a", "b"));
    TestImages.Manifest m = image.manifests().get(0);
    ArrayNode manifest = JSON.createArrayNode();
    ObjectNode entry = manifest.addObject().put("Config", "blobs/sha256/" + m.config().digest().hex());
    entry.putArray("RepoTags").add("example/app:v1");
    entry.putArray("Layers").add("blobs/sha256/" + m.layers().get(0).digest().hex());
    Files.write(image.layout().resolve("manifest.json"), JSON.writeValueAsBytes(manifest));
    Path tar = tmp.resolve("d25.tar");
    TestImages.run("tar", "-C", image.layout().toString(), "-cf", tar.toString(), ".");
    try (LocalImageSource source = LocalImageSource.openDockerArchive(tar)) {
      assertThat(source.manifest("v1").digest()).isEqualTo(image.digest());
      assertThat(source.readBlob(m.layers().get(0).digest())).hasSize((int) m.layers().get(0).size());
    }
  }

  @Test
  void tarMembersClimbingOutAreIgnored() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("evil/a"));
    Files.writeString(dir.resolve("x"), "x");
    Path tar = tmp.resolve("evil.tar");
    TestImages.run("tar", "-C", dir.toString(), "--transform", "s,^,../,", "-cf", tar.toString(), "x");
    try (TarFiles files = new TarFiles(tar, "test")) {
      assertThat(files.find("../x")).isEmpty();
      assertThat(files.find("x")).isEmpty();
    }
  }
}
