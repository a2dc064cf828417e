package dev.sociscope.core.workflow;

import dev.sociscope.core.files.ReadStats;
import dev.sociscope.core.files.FileEntry;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.layout.ZtocCache;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.GoldenImage;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convert to a registry and to layouts; create/ls/get on layouts. */
class ConvertAndLayoutIT {
  static LocalRegistry registry;
  static SociService service;
  static Path tmp;
  static final SociIndexOptions GOLDEN = SociIndexOptions.defaults(SociVersion.V2).withSpanSize(1 << 20)
      .withMinLayerSize(0).withBuildToolIdentifier("oracle");

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    tmp = dir;
    registry = LocalRegistry.start();
    service = new SociService(RegistryClient.builder().build(), new ZtocCache(dir.resolve("cache")), 2);
  }

  @AfterAll
  static void stop() {
    if (registry != null) { // null when the test was skipped for a missing tool
      registry.close();
    }
  }

  @Test
  void convertOfTheGoldenImageWritesUpstreamBytesIntoALayout() throws Exception {
    Path src = tmp.resolve("golden-src");
    GoldenImage.writeLayout(src, "v1");
    Path dst = tmp.resolve("golden-dst");
    ConvertResult r = service.convert("oci:" + src + ":v1", "oci:" + dst + ":soci",
        ImageResolver.PlatformSelection.DEFAULT, GOLDEN, false, null, null);
    assertThat(r.conversion().indexBytes()).isEqualTo(Vectors.bytes("index/convert-image-index.json"));
    assertThat(r.indexes().get(0).build().bytes()).isEqualTo(Vectors.bytes("index/index-v2.json"));
    OciLayout out = OciLayout.open(dst);
    assertThat(out.readBlob(Digest.of(Vectors.bytes("index/convert-image-manifest.json"))))
        .isEqualTo(Vectors.bytes("index/convert-image-manifest.json"));
    for (String layer : GoldenImage.LAYERS) {
      assertThat(out.hasBlob(Digest.of(Vectors.bytes("layers/" + layer)))).isTrue();
      assertThat(out.hasBlob(Digest.of(Vectors.bytes("ztoc/" + layer + ".span-1MiB.ztoc")))).isTrue();
    }
    Discovery d = service.discover("oci:" + dst + ":soci", ImageResolver.PlatformSelection.ALL);
    assertThat(d.isSociEnabled()).isTrue();
    assertThat(d.platforms()).hasSize(1);
    assertThat(d.allIndexes()).singleElement().satisfies(f -> {
      assertThat(f.version()).isEqualTo(SociVersion.V2);
      assertThat(f.via()).isEqualTo(FoundIndex.Via.MANIFEST_ANNOTATION);
      assertThat(f.usable()).isTrue();
    });
    ImageFiles files = service.files("oci:" + dst + ":soci", ImageResolver.PlatformSelection.DEFAULT, null);
    ByteArrayOutputStream out1 = new ByteArrayOutputStream();
    files.read("mm/text.txt", out1);
    assertThat(out1.toByteArray()).isEqualTo(GoldenImage.fileFromLayer("multimember.tar.gz", "mm/text.txt"));
  }

  @Test
  void originalAndSociEnabledImageFindEachOtherInTheSameLayout() throws Exception {
    Path dir = tmp.resolve("related");
    Digest original = GoldenImage.writeLayout(dir, "v1");
    ConvertResult r = service.convert("oci:" + dir + ":v1", "oci:" + dir + ":soci",
        ImageResolver.PlatformSelection.DEFAULT, GOLDEN, false, null, null);
    var fromOriginal = service.relatedImages("oci:" + dir + ":v1", ImageResolver.PlatformSelection.ALL, 100);
    assertThat(fromOriginal.values().iterator().next()).singleElement().satisfies(rel -> {
      assertThat(rel.tag()).isEqualTo("soci");
      assertThat(rel.sociIndex()).isEqualTo(r.indexes().get(0).build().digest());
    });
    var fromConverted = service.relatedImages("oci:" + dir + ":soci", ImageResolver.PlatformSelection.ALL, 100);
    assertThat(fromConverted.values().iterator().next()).singleElement().satisfies(rel -> {
      assertThat(rel.tag()).isEqualTo("v1");
      assertThat(rel.manifest()).isEqualTo(original);
      assertThat(rel.sociEnabled()).isFalse();
    });
  }

  @Test
  void createPushLsAndGetOnALayout() throws Exception {
    Path layout = tmp.resolve("layout-v1");
    Digest image = GoldenImage.writeLayout(layout, "v1");
    String ref = "oci:" + layout + ":v1";
    SociService.CreateOutcome o = service.create(ref, SociService.CreateRequest.defaults()
        .withOptions(GOLDEN.withVersion(SociVersion.V1)).pushing(true), null, null);
    assertThat(o.created().get(0).build().bytes()).isEqualTo(Vectors.bytes("index/index-v1.json"));
    assertThat(OciLayout.open(layout).tags()).contains("v1", "sha256-" + image.hex());
    Discovery d = service.discover(ref, ImageResolver.PlatformSelection.ALL);
    assertThat(d.allIndexes()).extracting(f -> f.descriptor().digest())
        .containsExactly(o.created().get(0).build().digest());
    ImageFiles files = service.files(ref, ImageResolver.PlatformSelection.ALL, null);
    assertThat(ImageFiles.list(files.tree(false), "plain")).extracting(FileEntry::name).contains("text.txt", "sym");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReadStats s = files.read("./plain/random.bin", out);
    assertThat(out.toByteArray()).isEqualTo(GoldenImage.fileFromLayer("plain.tar", "plain/random.bin"));
    assertThat(s.lazy()).isTrue();
    assertThat(s.bytesFetched()).isLessThan(s.layerSize());

    // Removing the index unlists it and deletes it; the image stays.
    List<IndexRemover.Removed> removed = service.remove(ref, ImageResolver.PlatformSelection.ALL, List.of());
    assertThat(removed).hasSize(1);
    assertThat(service.discover(ref, ImageResolver.PlatformSelection.ALL).allIndexes()).isEmpty();
    assertThat(OciLayout.open(layout).tags()).containsExactly("v1");
  }

  @Test
  void attestationEntriesAreCopiedUntouchedWithTheirBlobs() throws Exception {
    Path dir = tmp.resolve("attested");
    TestImages.BuiltImage multi = TestImages.multiPlatform(dir, "v1", List.of("linux/amd64", "linux/arm64"));
    OciLayout layout = OciLayout.open(dir);
    byte[] statement = "{\"_type\":\"https://in-toto.io/Statement/v0.1\"}".getBytes(StandardCharsets.UTF_8);
    layout.putBlob(Digest.of(statement), dev.sociscope.core.image.BlobContent.ofBytes(statement));
    layout.putBlob(dev.sociscope.core.soci.SociAnnotations.EMPTY_JSON_DIGEST,
        dev.sociscope.core.image.BlobContent.ofBytes(dev.sociscope.core.soci.SociAnnotations.EMPTY_JSON));
    var attestation = new dev.sociscope.core.oci.ImageManifest(2, dev.sociscope.core.oci.MediaType.OCI_MANIFEST, "",
        dev.sociscope.core.oci.Descriptor.of(dev.sociscope.core.oci.MediaType.OCI_CONFIG,
            dev.sociscope.core.soci.SociAnnotations.EMPTY_JSON_DIGEST, 2),
        List.of(dev.sociscope.core.oci.Descriptor.of("application/vnd.in-toto+json", Digest.of(statement),
            statement.length)), null, java.util.Map.of(), java.util.Map.of());
    var attDoc = dev.sociscope.core.oci.OciDocument.parse(dev.sociscope.core.oci.OciJson.write(attestation));
    layout.putManifest(attDoc, null);
    var top = layout.manifest("v1").index();
    var entries = new java.util.ArrayList<>(top.manifests());
    entries.add(attDoc.descriptor().withPlatform(dev.sociscope.core.oci.Platform.of("unknown", "unknown", ""))
        .withAnnotation("vnd.docker.reference.type", "attestation-manifest"));
    layout.putManifest(dev.sociscope.core.oci.OciDocument.parse(dev.sociscope.core.oci.OciJson.write(
        top.withManifests(entries))), "v1");

    Path out = tmp.resolve("attested-out");
    ConvertResult r = service.convert("oci:" + dir + ":v1", "oci:" + out + ":soci",
        ImageResolver.PlatformSelection.ALL, GOLDEN, false, null, null);
    assertThat(r.indexes()).hasSize(2);
    OciLayout converted = OciLayout.open(out);
    assertThat(r.conversion().index().manifests()).extracting(d -> d.digest()).contains(attDoc.digest());
    assertThat(converted.manifest(attDoc.digest().toString()).bytes()).isEqualTo(attDoc.bytes());
    assertThat(converted.hasBlob(Digest.of(statement))).isTrue();
    assertThat(multi.manifests()).hasSize(2);
  }

  @Test
  void convertedMultiPlatformImageSurvivesSkopeoCopyAll() throws Exception {
    TestImages.BuiltImage multi = TestImages.multiPlatform(tmp.resolve("multi"), "v1",
        List.of("linux/amd64", "linux/arm64"));
    TestImages.push(multi, registry, "multi/app:v1");
    ConvertResult r = service.convert(registry.ref("multi/app:v1"), registry.ref("multi/app:soci"),
        ImageResolver.PlatformSelection.ALL, GOLDEN, false, null, null);
    assertThat(r.indexes()).hasSize(2);
    TestImages.run("skopeo", "copy", "--all", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
        "docker://" + registry.ref("multi/app:soci"), "docker://" + registry.ref("copied/app:soci"));
    Discovery d = service.discover(registry.ref("copied/app:soci"), ImageResolver.PlatformSelection.ALL);
    assertThat(d.isSociEnabled()).as("%s", new String(d.top().bytes(), StandardCharsets.UTF_8)).isTrue();
    assertThat(d.platforms()).hasSize(2);
    for (Discovery.PlatformIndexes p : d.platforms()) {
      assertThat(p.indexes()).singleElement().satisfies(f -> {
        assertThat(f.version()).isEqualTo(SociVersion.V2);
        assertThat(f.usable()).as("%s", f.problem()).isTrue();
      });
      ImageFiles files = service.files(registry.ref("copied/app:soci"),
          ImageResolver.PlatformSelection.of(List.of(p.manifest().platform())), null);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      files.read("/etc/platform", out);
      assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(p.manifest().platformText() + "\n");
    }
  }
}
