package dev.sociscope.core.registry;

import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.error.NotFoundException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.TestImages.BuiltImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every read and write of the client against Debian's docker-registry (CNCF distribution 2.8), without auth. */
class RegistryIntegrationIT {
  static LocalRegistry registry;
  static BuiltImage single;
  static BuiltImage multi;
  static RegistryClient client;

  @BeforeAll
  static void startRegistryAndPush(@TempDir Path tmp) throws IOException {
    registry = LocalRegistry.start();
    single = TestImages.singlePlatform(tmp.resolve("single"), "v1", Map.of("hello.txt", "hello world\n"));
    multi = TestImages.multiPlatform(tmp.resolve("multi"), "v2", List.of("linux/amd64", "linux/arm64"));
    TestImages.push(single, registry, "team/app:v1");
    TestImages.push(multi, registry, "team/app:v2");
    TestImages.push(multi, registry, "other/multi:latest");
    client = RegistryClient.builder().build();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  static OciDocument parse(byte[] bytes) {
    try {
      return OciDocument.parse(bytes);
    } catch (dev.sociscope.core.oci.OciFormatException e) {
      throw new AssertionError(e);
    }
  }

  static RemoteRepository repo(String name) {
    return client.repository(ImageReference.parse(registry.ref(name)));
  }

  @Test
  void pingNeedsNoAuthentication() throws IOException {
    assertThat(client.ping(registry.host(), Cancellation.NONE)).isEmpty();
  }

  @Test
  void readsManifestByTagAndByDigestWithTheSameBytes() throws IOException {
    OciDocument byTag = repo("team/app").manifest("v1");
    assertThat(byTag.digest()).isEqualTo(single.digest());
    assertThat(byTag.mediaType()).isEqualTo(TestImages.OCI_MANIFEST);
    assertThat(byTag.bytes()).isEqualTo(single.bytes());
    OciDocument byDigest = repo("team/app").manifest(single.digest().toString());
    assertThat(byDigest).isEqualTo(byTag);
  }

  @Test
  void readsMultiPlatformIndexAndItsManifests() throws IOException {
    OciDocument index = repo("team/app").manifest("v2");
    assertThat(index.mediaType()).isEqualTo(TestImages.OCI_INDEX);
    assertThat(index.digest()).isEqualTo(multi.digest());
    for (TestImages.Manifest m : multi.manifests()) {
      OciDocument platform = repo("team/app").manifest(m.digest().toString());
      assertThat(platform.bytes()).isEqualTo(m.bytes());
    }
  }

  @Test
  void headManifestGivesDigestTypeAndSize() throws IOException {
    var head = repo("team/app").headManifest("v2").orElseThrow();
    assertThat(head.digest()).isEqualTo(multi.digest());
    assertThat(head.mediaType()).isEqualTo(TestImages.OCI_INDEX);
    assertThat(head.size()).isEqualTo(multi.bytes().length);
    assertThat(repo("team/app").headManifest("nope")).isEmpty();
  }

  @Test
  void missingManifestAndRepositoryAreNotFoundWithTheReferenceNamed() {
    assertThatThrownBy(() -> repo("team/app").manifest("missing"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("team/app:missing")
        .hasMessageContaining("MANIFEST_UNKNOWN");
    assertThatThrownBy(() -> repo("no/such").manifest("v1"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no/such:v1");
  }

  @Test
  void streamsBlobsWithVerification() throws IOException {
    TestImages.Blob layer = single.manifests().get(0).layers().get(0);
    byte[] expected = java.nio.file.Files.readAllBytes(single.layout().resolve("blobs/sha256/" + layer.digest().hex()));
    try (InputStream in = repo("team/app").openBlob(layer.digest())) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
    assertThat(repo("team/app").blobSize(layer.digest())).isEqualTo(layer.size());
    assertThat(repo("team/app").hasBlob(Digest.of(new byte[] {1, 2, 3}))).isFalse();
  }

  @Test
  void rangeReadsReturnExactlyTheBytesAsked() throws IOException {
    TestImages.Blob layer = single.manifests().get(0).layers().get(0);
    byte[] all = java.nio.file.Files.readAllBytes(single.layout().resolve("blobs/sha256/" + layer.digest().hex()));
    byte[] part = repo("team/app").readBlobRange(layer.digest(), 10, 20);
    assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(all, 10, 30));
    byte[] tail = repo("team/app").readBlobRange(layer.digest(), all.length - 5, 5);
    assertThat(tail).isEqualTo(java.util.Arrays.copyOfRange(all, all.length - 5, all.length));
    assertThatThrownBy(() -> repo("team/app").readBlobRange(layer.digest(), all.length + 100, 5))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("416");
  }


  @Test
  void listsTagsWithAndWithoutPageSize() throws IOException {
    assertThat(repo("team/app").tags()).containsExactly("v1", "v2");
    // The CNCF registry ignores n and sends no Link: the client must not loop.
    assertThat(repo("team/app").tags(1)).containsExactly("v1", "v2");
  }

  @Test
  void catalogFollowsRelativeLinkPages() throws IOException {
    List<String> repos = client.catalog(registry.host(), Cancellation.NONE);
    assertThat(repos).contains("team/app", "other/multi");
    // Pages of one: the registry answers with a relative Link to the next page each time.
    List<String> paged = client.catalog(registry.host(), 1, Cancellation.NONE);
    assertThat(paged).isEqualTo(repos);
  }

  @Test
  void catalogPagesOneAtATimeUntilTheLastPage() throws IOException {
    List<String> all = client.catalog(registry.host(), Cancellation.NONE);
    List<String> collected = new java.util.ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page page = client.catalogPage(registry.host(), 1, cursor, Cancellation.NONE);
      assertThat(page.names()).hasSizeLessThanOrEqualTo(1);
      collected.addAll(page.names());
      cursor = page.next().orElse(null);
      pages++;
    } while (cursor != null && pages < 10);
    assertThat(collected).isEqualTo(all);
    assertThat(pages).isGreaterThanOrEqualTo(2);
  }

  @Test
  void tagsPageOnRegistryThatIgnoresNHasNoNextPage() throws IOException {
    Page page = repo("team/app").tagsPage(1, null);
    assertThat(page.names()).containsExactly("v1", "v2");
    assertThat(page.next()).isEmpty();
  }

  @Test
  void uploadsMonolithicAndChunkedAndSkipsExisting() throws IOException {
    RemoteRepository target = repo("uploads/blobs");
    byte[] small = "small blob".getBytes(StandardCharsets.UTF_8);
    target.putBlob(Digest.of(small), BlobContent.ofBytes(small));
    assertThat(target.readBlob(Digest.of(small))).isEqualTo(small);
    target.putBlob(Digest.of(small), BlobContent.ofBytes(small)); // exists: HEAD says so, no upload

    byte[] big = new byte[300_000];
    new Random(1).nextBytes(big);
    RegistryClient chunking = RegistryClient.builder().uploadChunking(100_000, 64 * 1024).build();
    RemoteRepository chunked = chunking.repository(ImageReference.parse(registry.ref("uploads/chunked")));
    chunked.putBlob(Digest.of(big), BlobContent.ofBytes(big));
    assertThat(chunked.readBlob(Digest.of(big))).isEqualTo(big);
  }

  @Test
  void mountsAcrossRepositoriesAndFallsBackToUpload() throws IOException {
    TestImages.Blob layer = single.manifests().get(0).layers().get(0);
    byte[] bytes = java.nio.file.Files.readAllBytes(single.layout().resolve("blobs/sha256/" + layer.digest().hex()));
    RemoteRepository target = repo("mounted/here");
    assertThat(target.mountOrUpload(layer.digest(), "team/app", BlobContent.ofBytes(bytes))).isTrue();
    assertThat(target.hasBlob(layer.digest())).isTrue();

    byte[] other = "not anywhere yet".getBytes(StandardCharsets.UTF_8);
    assertThat(target.mountOrUpload(Digest.of(other), "missing/repo", BlobContent.ofBytes(other))).isFalse();
    assertThat(target.readBlob(Digest.of(other))).isEqualTo(other);
  }

  @Test
  void putsManifestTagsAndDeletes() throws IOException {
    RemoteRepository target = repo("written/app");
    TestImages.Manifest m = single.manifests().get(0);
    for (TestImages.Blob b : List.of(m.config(), m.layers().get(0))) {
      byte[] bytes = java.nio.file.Files.readAllBytes(single.layout().resolve("blobs/sha256/" + b.digest().hex()));
      target.putBlob(b.digest(), BlobContent.ofBytes(bytes));
    }
    PushedManifest pushed = target.putManifest(parse(m.bytes()), "one");
    assertThat(pushed.digest()).isEqualTo(m.digest());
    assertThat(pushed.ociSubject()).isEmpty(); // registry 2.8 does not index subjects
    target.tag(m.digest(), "two");
    assertThat(target.tags()).containsExactlyInAnyOrder("one", "two");
    assertThat(target.manifest("two").digest()).isEqualTo(m.digest());

    target.deleteManifest(m.digest());
    assertThat(target.findManifest(m.digest().toString())).isEmpty();
    target.deleteBlob(m.config().digest());
    assertThat(target.hasBlob(m.config().digest())).isFalse();
    assertThatThrownBy(() -> target.deleteBlob(m.config().digest())).isInstanceOf(NotFoundException.class)
        .hasMessageContaining(m.config().digest().toString());
  }

  @Test
  void manifestWithMissingBlobsIsRefusedReadably() {
    RemoteRepository target = repo("written/broken");
    TestImages.Manifest m = single.manifests().get(0);
    assertThatThrownBy(() -> target.putManifest(parse(m.bytes()), "x"))
        .isInstanceOf(RegistryErrorException.class)
        .hasMessageContaining("MANIFEST_BLOB_UNKNOWN")
        .satisfies(e -> assertThat(((RegistryErrorException) e).codes()).contains("MANIFEST_BLOB_UNKNOWN"));
  }
}
