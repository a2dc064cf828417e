package dev.sociscope.core.image;

import dev.sociscope.core.workflow.ImageCopier;
import dev.sociscope.core.workflow.ImageStores;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.layout.LocalImageSource;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.TestImages.BuiltImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through the real registry and OCI layouts, checked by skopeo (a client nobody here wrote): digests
 * must not change anywhere.
 */
class CopyRoundTripIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static LocalRegistry registry;
  static BuiltImage multi;
  static RegistryClient client;
  static ImageStores stores;

  @TempDir Path tmp;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    registry = LocalRegistry.start();
    multi = TestImages.multiPlatform(dir.resolve("multi"), "v1", List.of("linux/amd64", "linux/arm64"));
    TestImages.push(multi, registry, "src/app:v1");
    client = RegistryClient.builder().build();
    stores = new ImageStores(client);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  RemoteRepository repo(String name) {
    return client.repository(ImageReference.parse(registry.ref(name)));
  }

  @Test
  void registryToLayoutToAnotherRepositoryKeepsEveryDigest() throws IOException {
    Path layoutDir = tmp.resolve("layout");
    java.util.Map<Digest, Long> progress = new java.util.concurrent.ConcurrentHashMap<>();
    List<Digest> done = new java.util.concurrent.CopyOnWriteArrayList<>();
    ImageCopier copier = new ImageCopier(Cancellation.NONE, new ImageCopier.Listener() {
      @Override
      public void blobProgress(Descriptor blob, long bytesSoFar) {
        progress.merge(blob.digest(), bytesSoFar, Math::max);
      }

      @Override
      public void blobDone(Descriptor blob, boolean transferred) {
        done.add(blob.digest());
      }
    });
    try (OciLayout layout = OciLayout.openOrCreate(layoutDir)) {
      ImageCopier.Result toDisk = copier.copy(repo("src/app"), "v1", layout, "v1", null);
      assertThat(toDisk.digest()).isEqualTo(multi.digest());
      assertThat(toDisk.manifests()).isEqualTo(3);
      assertThat(toDisk.blobsTransferred()).isEqualTo(4); // 2 configs + 2 layers
    }
    assertThat(done).hasSize(4);
    for (TestImages.Manifest m : multi.manifests()) {
      assertThat(progress).containsEntry(m.layers().get(0).digest(), m.layers().get(0).size());
    }
    // skopeo reads our layout and finds the same index digest.
    String rawFromLayout = TestImages.run("skopeo", "inspect", "--raw", "oci:" + layoutDir + ":v1");
    assertThat(Digest.of(rawFromLayout.getBytes(StandardCharsets.UTF_8))).isEqualTo(multi.digest());

    try (LocalImageSource layout = LocalImageSource.openLayout(layoutDir)) {
      ImageCopier.Result toRegistry = copier.copy(layout, "v1", repo("dst/copy"), "v1", null);
      assertThat(toRegistry.digest()).isEqualTo(multi.digest());
    }
    String inspect = TestImages.run("skopeo", "inspect", "--tls-verify=false",
        "docker://" + registry.ref("dst/copy:v1"));
    JsonNode info = JSON.readTree(inspect);
    assertThat(info.path("Digest").asText()).isEqualTo(multi.digest().toString());
    String raw = TestImages.run("skopeo", "inspect", "--raw", "--tls-verify=false", "docker://" + registry.ref("dst/copy:v1"));
    assertThat(Digest.of(raw.getBytes(StandardCharsets.UTF_8))).isEqualTo(multi.digest());

    // skopeo copies what we wrote, all platforms, and its copy keeps the digest as well.
    Path skopeoOut = tmp.resolve("skopeo-out");
    TestImages.run("skopeo", "copy", "--all", "--quiet", "--src-tls-verify=false",
        "docker://" + registry.ref("dst/copy:v1"), "oci:" + skopeoOut + ":copied");
    try (LocalImageSource copied = LocalImageSource.openLayout(skopeoOut)) {
      assertThat(copied.manifest("copied").digest()).isEqualTo(multi.digest());
      for (TestImages.Manifest m : multi.manifests()) {
        OciDocument doc = copied.manifest(m.digest().toString());
        for (Descriptor layer : doc.manifest().layers()) {
          assertThat(copied.readBlob(layer.digest())).hasSize((int) layer.size());
        }
      }
    }
  }

  @Test
  void registryToRegistryMountsBlobsAndOnePlatformCanBeChosen() throws IOException {
    ImageCopier copier = new ImageCopier(Cancellation.NONE, ImageCopier.Listener.NONE);
    ImageCopier.Result all = copier.copy(repo("src/app"), "v1", repo("mounted/app"), "v1", null);
    assertThat(all.blobsTransferred()).isZero();
    assertThat(all.blobsSkipped()).isEqualTo(4); // mounted
    assertThat(repo("mounted/app").manifest("v1").digest()).isEqualTo(multi.digest());

    ImageCopier.Result arm = copier.copy(repo("src/app"), "v1", repo("arm/app"), "only", Platform.parse("linux/arm64"));
    TestImages.Manifest armManifest = multi.manifests().stream().filter(m -> m.platform().equals("linux/arm64"))
        .findFirst().orElseThrow();
    assertThat(arm.digest()).isEqualTo(armManifest.digest());
    assertThat(repo("arm/app").manifest("only").digest()).isEqualTo(armManifest.digest());
  }

  @Test
  void referrersFallbackTagOnTheRealRegistry() throws IOException {
    TestImages.Manifest amd = multi.manifests().get(0);
    RemoteRepository repo = repo("src/app");
    // An artifact manifest pointing at the amd64 manifest, and the fallback index naming it (registry 2.8 has no API).
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    repo.putBlob(Digest.of(empty), BlobContent.ofBytes(empty));
    ImageManifest artifact = new ImageManifest(2, MediaType.OCI_MANIFEST, MediaType.SOCI_INDEX_V1,
        Descriptor.of(MediaType.OCI_EMPTY, empty), List.of(),
        Descriptor.of(MediaType.OCI_MANIFEST, amd.digest(), amd.size()), Map.of("k", "v"), Map.of());
    OciDocument artifactDoc = parse(OciJson.write(artifact));
    repo.putManifest(artifactDoc, null);
    Descriptor referrer = artifactDoc.descriptor().withArtifactType(MediaType.SOCI_INDEX_V1)
        .withAnnotations(Map.of("k", "v"));
    OciDocument fallback = parse(OciJson.write(dev.sociscope.core.oci.ImageIndex.of(List.of(referrer))));
    repo.putManifest(fallback, amd.digest().toTagForm());

    assertThat(repo.referrers(amd.digest(), MediaType.SOCI_INDEX_V1)).containsExactly(referrer);
    assertThat(repo.referrers(amd.digest(), "application/other")).isEmpty();
    assertThat(repo.referrers(multi.manifests().get(1).digest(), null)).isEmpty();

    // The same artifact in a layout is found by scanning.
    try (OciLayout layout = OciLayout.openOrCreate(tmp.resolve("refs"))) {
      new ImageCopier(Cancellation.NONE, ImageCopier.Listener.NONE).copy(repo, "v1", layout, "v1", null);
      layout.putBlob(Digest.of(empty), BlobContent.ofBytes(empty));
      layout.putManifest(artifactDoc, null);
      layout.addEntry(artifactDoc.descriptor());
      assertThat(layout.referrers(amd.digest(), MediaType.SOCI_INDEX_V1)).singleElement()
          .satisfies(d -> assertThat(d.digest()).isEqualTo(artifactDoc.digest()));
    }
  }

  static OciDocument parse(byte[] bytes) {
    try {
      return OciDocument.parse(bytes);
    } catch (dev.sociscope.core.oci.OciFormatException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void layoutWritesAreAtomicAndVerified() throws IOException {
    try (OciLayout layout = OciLayout.openOrCreate(tmp.resolve("atomic"))) {
      byte[] data = "blob".getBytes(StandardCharsets.UTF_8);
      Digest wrong = Digest.of("other".getBytes(StandardCharsets.UTF_8));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> layout.putBlob(wrong, BlobContent.ofBytes(data)))
          .isInstanceOf(dev.sociscope.core.error.DigestMismatchException.class);
      assertThat(layout.hasBlob(wrong)).isFalse();
      try (var files = Files.list(layout.blobPath(wrong).getParent())) {
        assertThat(files).isEmpty(); // no temp file left behind
      }
    }
  }
}
