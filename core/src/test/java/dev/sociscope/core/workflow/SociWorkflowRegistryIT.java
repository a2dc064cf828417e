package dev.sociscope.core.workflow;

import dev.sociscope.core.files.ReadStats;
import dev.sociscope.core.files.FileEntry;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.layout.ZtocCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.GoldenImage;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflows against a real registry (docker-registry 2.8: no referrers API, so the fallback tag is used). */
class SociWorkflowRegistryIT {
  static LocalRegistry registry;
  static Path layout;
  static Digest manifestDigest;
  static SociService service;
  static final SociIndexOptions GOLDEN = SociIndexOptions.defaults(SociVersion.V1).withSpanSize(1 << 20)
      .withMinLayerSize(0).withBuildToolIdentifier("oracle");

  @BeforeAll
  static void start(@TempDir Path tmp) throws Exception {
    registry = LocalRegistry.start();
    layout = tmp.resolve("golden");
    manifestDigest = GoldenImage.writeLayout(layout, "v1");
    GoldenImage.push(layout, "v1", registry, "golden/app:v1");
    service = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")), 2);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void createAndPushWritesUpstreamBytesAndIsDiscoveredThroughTheFallbackTag() throws Exception {
    String ref = registry.ref("golden/app:v1");
    List<String> lines = new ArrayList<>();
    CreateListener listener = new CreateListener() {
      @Override
      public synchronized void message(String line) {
        lines.add(line);
      }
    };
    SociService.CreateOutcome outcome = service.create(ref, SociService.CreateRequest.defaults().withOptions(GOLDEN)
        .pushing(true), listener, null);
    CreatedIndex ci = outcome.created().get(0);
    assertThat(ci.build().bytes()).isEqualTo(Vectors.bytes("index/index-v1.json"));
    assertThat(outcome.pushed().get(0).fallbackTagUpdated()).isTrue();
    assertThat(lines).anyMatch(l -> l.startsWith("layer sha256:0944f0bc") && l.contains("-> ztoc sha256:3df18a22"));

    // The registry holds exactly the golden zTOCs.
    var repo = service.open(ref).store();
    for (String layer : GoldenImage.LAYERS) {
      byte[] golden = Vectors.bytes("ztoc/" + layer + ".span-1MiB.ztoc");
      assertThat(repo.readBlob(Digest.of(golden))).isEqualTo(golden);
    }

    Discovery d = service.discover(ref, ImageResolver.PlatformSelection.ALL);
    assertThat(d.allIndexes()).extracting(f -> f.descriptor().digest()).contains(ci.build().digest());
    FoundIndex found = d.allIndexes().get(0);
    assertThat(found.via()).isEqualTo(FoundIndex.Via.REFERRERS);
    List<LayerStatus> layers = new SociDiscoverer(repo).layers(d.platforms().get(0).manifest(), found.index(), true);
    assertThat(layers).allMatch(LayerStatus::indexed);
    assertThat(layers.get(1).spans()).isGreaterThan(1);
    assertThat(layers.get(1).files()).isGreaterThan(5);

    // skopeo sees a valid image index under the fallback tag.
    String raw = TestImages.run("skopeo", "inspect", "--raw", "--tls-verify=false",
        "docker://" + registry.ref("golden/app:" + ReferrersIndex.fallbackTag(manifestDigest)));
    JsonNode index = new ObjectMapper().readTree(raw);
    assertThat(index.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.index.v1+json");
    assertThat(index.get("manifests").get(0).get("artifactType").asText())
        .isEqualTo("application/vnd.amazon.soci.index.v1+json");
    assertThat(index.get("manifests").get(0).get("digest").asText()).isEqualTo(ci.build().digest().toString());

    // A second create reuses the zTOCs; a second push keeps the one entry.
    lines.clear();
    SociService.CreateOutcome again = service.create(ref, SociService.CreateRequest.defaults().withOptions(GOLDEN)
        .pushing(true), listener, null);
    assertThat(again.created().get(0).build().digest()).isEqualTo(ci.build().digest());
    assertThat(lines).anyMatch(l -> l.endsWith("(already exists)"));
    assertThat(again.pushed().get(0).fallbackTagUpdated()).isFalse();
  }

  @Test
  void dockerSchema2ImagesAreIndexedWithTheirDockerTypes() throws Exception {
    List<String> cmd = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--format", "v2s2"));
    cmd.addAll(registry.skopeoArgs(true));
    cmd.add("oci:" + layout + ":v1");
    cmd.add("docker://" + registry.ref("golden/docker:v1"));
    TestImages.run(cmd.toArray(new String[0]));
    String ref = registry.ref("golden/docker:v1");
    SociService.CreateOutcome o = service.create(ref, SociService.CreateRequest.defaults().withOptions(GOLDEN)
        .pushing(true), null, null);
    CreatedIndex ci = o.created().get(0);
    assertThat(ci.build().index().subject().orElseThrow().mediaType())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(ci.build().index().ztocs()).extracting(z -> z.layerMediaType())
        .allMatch(t -> t.startsWith("application/vnd.docker.image.rootfs.diff.tar"));
    assertThat(service.discover(ref, ImageResolver.PlatformSelection.ALL).allIndexes())
        .extracting(f -> f.descriptor().digest()).containsExactly(ci.build().digest());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    service.files(ref, ImageResolver.PlatformSelection.ALL, null).read("mm/head.txt", out);
    assertThat(out.toByteArray()).isEqualTo(GoldenImage.fileFromLayer("multimember.tar.gz", "mm/head.txt"));
  }

  @Test
  void readsSingleFilesLazilyFromSeveralLayers() throws Exception {
    String ref = registry.ref("golden/lazy:v1");
    GoldenImage.push(layout, "v1", registry, "golden/lazy:v1");
    service.create(ref, SociService.CreateRequest.defaults().withOptions(GOLDEN).pushing(true), null, null);
    ImageFiles files = service.files(ref, ImageResolver.PlatformSelection.ALL, null);
    String[][] cases = {
        {"pax.tar.gz", "/etc/tiny.txt"}, {"pax.tar.gz", "big/compressible.txt"},
        {"multimember.tar.gz", "./mm/tail.txt"}, {"plain.tar", "plain/text.txt"},
        {"gnu-fname.tar.gz", "gnu/big-uid"}};
    for (String[] c : cases) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ReadStats s = files.read(c[1], out);
      byte[] expected = GoldenImage.fileFromLayer(c[0], s.path());
      assertThat(expected).as(c[1]).isNotNull();
      assertThat(out.toByteArray()).as(c[1]).isEqualTo(expected);
      assertThat(s.lazy()).isTrue();
      if (!c[0].startsWith("gnu-fname")) { // that layer is a single 1 MiB span: fetched whole
        assertThat(s.bytesFetched()).as(c[1]).isLessThan(s.layerSize());
      }
    }
    ReadStats tiny = files.read("etc/tiny.txt", new ByteArrayOutputStream());
    assertThat(tiny.spans()).isEqualTo(1);
    assertThat(tiny.bytesFetched()).isLessThanOrEqualTo((1 << 20) + 64 * 1024);

    var tree = files.tree(false);
    assertThat(ImageFiles.list(tree, "/")).extracting(FileEntry::path).contains("etc", "big", "mm", "plain", "gnu");
    assertThat(ImageFiles.list(tree, "./mm")).extracting(FileEntry::name)
        .containsExactly("head.txt", "random.bin", "tail.txt", "text.txt");
    assertThatThrownBy(() -> files.read("no/such/file", new ByteArrayOutputStream()))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void aSecondIndexPushKeepsTheOtherReferrersOfTheFallbackTag() throws Exception {
    String ref = registry.ref("golden/keep:v1");
    GoldenImage.push(layout, "v1", registry, "golden/keep:v1");
    var repo = service.open(ref).repository();
    assertThat(repo.servesReferrersApi(manifestDigest)).isFalse(); // the CNCF registry 2.8: fallback tags
    // A signature referring to the image, listed in the fallback tag the way oras/cosign write it.
    repo.putBlob(dev.sociscope.core.soci.SociAnnotations.EMPTY_JSON_DIGEST,
        dev.sociscope.core.image.BlobContent.ofBytes("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    byte[] image = repo.manifest("v1").bytes();
    dev.sociscope.core.oci.OciDocument signature = dev.sociscope.core.oci.OciDocument.parse((
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":"
        + "\"application/vnd.example.signature.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
        + "\"digest\":\"" + dev.sociscope.core.soci.SociAnnotations.EMPTY_JSON_DIGEST + "\",\"size\":2},\"layers\":[],"
        + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + manifestDigest
        + "\",\"size\":" + image.length + "}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    repo.putManifest(signature, null);
    byte[] list = ReferrersIndex.empty().add(ReferrersIndex.referrerDescriptor(signature)).toBytes();
    repo.putManifest(dev.sociscope.core.oci.OciDocument.parse(list, "application/vnd.oci.image.index.v1+json"),
        ReferrersIndex.fallbackTag(manifestDigest));

    Digest first = service.create(ref, SociService.CreateRequest.defaults().withOptions(GOLDEN).pushing(true), null,
        null).created().get(0).build().digest();
    Digest second = service.create(ref, SociService.CreateRequest.defaults()
        .withOptions(GOLDEN.withSpanSize(2 << 20)).pushing(true), null, null).created().get(0).build().digest();
    assertThat(second).isNotEqualTo(first);

    var tagged = repo.manifest(ReferrersIndex.fallbackTag(manifestDigest)).index().manifests();
    assertThat(tagged).extracting(d -> d.digest()).containsExactly(signature.digest(), first, second);
    assertThat(service.discover(ref, ImageResolver.PlatformSelection.ALL).allIndexes())
        .extracting(f -> f.descriptor().digest()).containsExactlyInAnyOrder(first, second);
  }
}
