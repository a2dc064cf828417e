package dev.sociscope.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.CreatedIndex;
import dev.sociscope.core.workflow.ImageCopier;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.ImageStores;
import dev.sociscope.core.workflow.IndexPruner;
import dev.sociscope.core.workflow.SociService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health check and prune against Debian's registry (2.8: no referrers API, so fallback tags). */
class HealthAndPruneRegistryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static LocalRegistry registry;
  static SociService soci;
  static HealthChecker checker;
  static final SociIndexOptions OPTIONS = SociIndexOptions.defaults(SociVersion.V1)
      .withMinLayerSize(MixedLayerImage.MIN_LAYER_SIZE).withSpanSize(MixedLayerImage.SPAN_SIZE);

  @BeforeAll
  static void start(@TempDir Path tmp) throws Exception {
    registry = LocalRegistry.start();
    MixedLayerImage.write(tmp.resolve("layout"));
    RegistryClient client = RegistryClient.builder().plainHttp(registry.host()).build();
    ImageStores stores = new ImageStores(client);
    String[][] copies = {{MixedLayerImage.MIXED, "health/app:" + MixedLayerImage.MIXED},
        {MixedLayerImage.FILES, "health/app:" + MixedLayerImage.FILES}, {MixedLayerImage.FILES, "prune/app:files"},
        {MixedLayerImage.FILES, "bad/app:files"}};
    for (String[] c : copies) {
      ImageLocation src = ImageLocation.parse("oci:" + tmp.resolve("layout") + ":" + c[0]);
      ImageLocation dst = ImageLocation.parse(registry.ref(c[1]));
      new ImageCopier(Cancellation.NONE, ImageCopier.Listener.NONE).copy(stores.openSource(src), c[0],
          stores.openTarget(dst), dst.reference(), null);
    }
    soci = new SociService(client, new ZtocCache(tmp.resolve("cache")));
    checker = new HealthChecker(soci);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static String ref(String tag) {
    return registry.ref("health/app:" + tag);
  }

  @Test
  void findingsFollowTheImageFromNoIndexToHealthy() throws Exception {
    HealthReport none = checker.check(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.ALL, 2);
    assertThat(none.findingsOf(Check.NO_INDEX)).hasSize(2);
    assertThat(none.findingsOf(Check.NO_REFERRERS_API)).singleElement()
        .satisfies(f -> assertThat(f.subject()).isEqualTo("registry " + registry.host()));

    soci.create(ref(MixedLayerImage.MIXED), SociService.CreateRequest.defaults().withOptions(OPTIONS).pushing(true)
        .withPlatforms(ImageResolver.PlatformSelection.ALL), CreateListener.NONE, new Cancellation());
    HealthReport v1 = checker.check(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.ALL, 2);
    assertThat(v1.findingsOf(Check.V1_ONLY)).hasSize(2);
    assertThat(v1.fails(Check.Severity.ERROR)).isFalse();
    assertThat(v1.findingsOf(Check.LAYER_NOT_INDEXED)).hasSize(6)
        .allSatisfy(f -> assertThat(f.message()).contains("bytes are pulled before the container starts"));

    soci.create(ref(MixedLayerImage.MIXED), SociService.CreateRequest.defaults()
        .withOptions(OPTIONS.withSpanSize(2 * MixedLayerImage.SPAN_SIZE)).pushing(true)
        .withPlatforms(ImageResolver.PlatformSelection.ALL), CreateListener.NONE, new Cancellation());
    assertThat(checker.check(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.ALL, 0)
        .findingsOf(Check.AMBIGUOUS_INDEXES)).hasSize(2);

    soci.convert(ref(MixedLayerImage.MIXED), ref("mixed-soci"), ImageResolver.PlatformSelection.ALL,
        OPTIONS.withVersion(SociVersion.V2), false, CreateListener.NONE, new Cancellation());
    HealthReport healthy = checker.check(ref("mixed-soci"), ImageResolver.PlatformSelection.ALL, 3);
    assertThat(healthy.fails(Check.Severity.WARNING)).as(healthy.findings().toString()).isFalse();
  }

  @Test
  void aZtocWithZeroedWindowsIsCaughtBySpotCheckingThroughRangeRequests() throws Exception {
    CreatedIndex good = soci.create(ref(MixedLayerImage.FILES), SociService.CreateRequest.defaults()
        .withOptions(OPTIONS.withMinLayerSize(0)).pushing(true), CreateListener.NONE, new Cancellation())
        .created().get(0);
    RemoteRepository repo = soci.open(ref(MixedLayerImage.FILES)).repository();
    var z = good.build().index().ztocs().get(1);
    byte[] bad = ZeroedWindows.of(repo.readBlob(z.ztocDigest()));
    repo.putBlob(Digest.of(bad), BlobContent.ofBytes(bad));
    ObjectNode doc = (ObjectNode) JSON.readTree(good.build().bytes());
    ((ObjectNode) doc.get("layers").get(1)).put("digest", Digest.of(bad).toString()).put("size", bad.length);
    OciDocument swapped = OciDocument.parse(JSON.writeValueAsBytes(doc), MediaType.OCI_MANIFEST);
    repo.putManifest(swapped, null);
    // The fallback tag now lists only the corrupt index.
    ObjectNode list = (ObjectNode) JSON.readTree(repo.manifest(ReferrersIndex.fallbackTag(
        good.manifest().manifest().digest())).bytes());
    ArrayNode entries = (ArrayNode) list.get("manifests");
    ((ObjectNode) entries.get(0)).put("digest", swapped.digest().toString()).put("size", swapped.size());
    repo.putManifest(OciDocument.parse(JSON.writeValueAsBytes(list)),
        ReferrersIndex.fallbackTag(good.manifest().manifest().digest()));

    HealthReport r = checker.check(ref(MixedLayerImage.FILES), ImageResolver.PlatformSelection.DEFAULT, 4);
    assertThat(r.findingsOf(Check.SPOT_CHECK_FAILED)).singleElement().satisfies(f -> {
      assertThat(f.subject()).startsWith("layer " + z.layerDigest());
      assertThat(f.message()).startsWith("span ");
    });
  }

  @Test
  void pruneRemovesOnlyOrphanedSociEntriesAndKeepsASignature() throws Exception {
    soci.create(registry.ref("prune/app:files"), SociService.CreateRequest.defaults()
        .withOptions(OPTIONS.withMinLayerSize(0).withSpanSize(2 * MixedLayerImage.SPAN_SIZE)).pushing(true),
        CreateListener.NONE, new Cancellation());
    RemoteRepository repo = soci.open(registry.ref("prune/app:files")).repository();
    Digest image = repo.manifest("files").digest();
    String tag = ReferrersIndex.fallbackTag(image);
    // A signature-like referrer joins the fallback tag, then the image is deleted.
    byte[] sig = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.dev.cosign.artifact.sig.v1+json\",\"config\":{\"mediaType\":"
        + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e"
        + "8310c060f61caaff8a\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
    repo.putBlob(Digest.parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"),
        BlobContent.ofBytes("{}".getBytes(StandardCharsets.UTF_8)));
    OciDocument sigDoc = OciDocument.parse(sig, MediaType.OCI_MANIFEST);
    repo.putManifest(sigDoc, null);
    ObjectNode list = (ObjectNode) JSON.readTree(repo.manifest(tag).bytes());
    int soci = list.get("manifests").size();
    ((ArrayNode) list.get("manifests")).addObject().put("mediaType", MediaType.OCI_MANIFEST)
        .put("artifactType", "application/vnd.dev.cosign.artifact.sig.v1+json")
        .put("digest", sigDoc.digest().toString()).put("size", sigDoc.size());
    repo.putManifest(OciDocument.parse(JSON.writeValueAsBytes(list)), tag);
    repo.deleteManifest(image);

    IndexPruner.Pruned dry = HealthAndPruneRegistryIT.soci.prune(registry.ref("prune/app:files"), true);
    assertThat(dry.orphans()).hasSize(soci).allMatch(o -> o.subjectGone() && o.tag().equals(tag));
    assertThat(dry.removed()).isEmpty();
    assertThat(repo.manifest(tag).index().manifests()).hasSize(soci + 1); // a dry run changes nothing

    IndexPruner.Pruned done = HealthAndPruneRegistryIT.soci.prune(registry.ref("prune/app:files"), false);
    assertThat(done.removed()).hasSize(soci).allMatch(r -> r.unlisted());
    assertThat(repo.manifest(tag).index().manifests()).singleElement()
        .satisfies(d -> assertThat(d.digest()).isEqualTo(sigDoc.digest()));
    assertThat(HealthAndPruneRegistryIT.soci.prune(registry.ref("prune/app:files"), true).orphans()).isEmpty();
  }

  /** Puts an edited copy of {@code index} into the repository and lists it in the image's fallback tag. */
  private static void addEdited(RemoteRepository repo, CreatedIndex good, String note,
      java.util.function.Consumer<ObjectNode> edit) throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(good.build().bytes());
    ((ObjectNode) doc.get("annotations")).put("test.edit", note);
    edit.accept(doc);
    OciDocument edited = OciDocument.parse(JSON.writeValueAsBytes(doc), MediaType.OCI_MANIFEST);
    repo.putManifest(edited, null);
    String tag = ReferrersIndex.fallbackTag(good.manifest().manifest().digest());
    ObjectNode list = (ObjectNode) JSON.readTree(repo.manifest(tag).bytes());
    ((ArrayNode) list.get("manifests")).addObject().put("mediaType", MediaType.OCI_MANIFEST)
        .put("artifactType", MediaType.SOCI_INDEX_V1).put("digest", edited.digest().toString())
        .put("size", edited.size());
    repo.putManifest(OciDocument.parse(JSON.writeValueAsBytes(list)), tag);
  }

  @Test
  void indexesInconsistentWithTheImageAreReportedOnTheRegistry() throws Exception {
    String ref = registry.ref("bad/app:files");
    CreatedIndex good = soci.create(ref, SociService.CreateRequest.defaults()
        .withOptions(OPTIONS.withMinLayerSize(0)).pushing(true), CreateListener.NONE, new Cancellation())
        .created().get(0);
    RemoteRepository repo = soci.open(ref).repository();
    String unknown = "sha256:" + "12".repeat(32);
    var config = good.manifest().manifest().manifest().config();
    addEdited(repo, good, "1", doc -> {
      ((ObjectNode) doc.get("layers").get(0).get("annotations")).put("com.amazon.soci.image-layer-digest", unknown);
      ((ObjectNode) doc.get("layers").get(1).get("annotations")).put("com.amazon.soci.span-size", "123");
    });
    addEdited(repo, good, "2", doc -> ((ObjectNode) doc.get("layers").get(1))
        .put("digest", config.digest().toString()).put("size", config.size()));
    addEdited(repo, good, "3", doc -> ((ObjectNode) doc.get("layers").get(0)).remove("annotations"));
    repo.deleteBlob(good.build().index().ztocs().get(0).ztocDigest()); // the registry lost a zTOC

    HealthReport r = checker.check(ref, ImageResolver.PlatformSelection.DEFAULT, 1);
    assertThat(r.findingsOf(Check.ZTOC_LAYER_UNKNOWN)).singleElement()
        .satisfies(f -> assertThat(f.subject()).startsWith("layer " + unknown));
    assertThat(r.findingsOf(Check.SPAN_SIZE_MISMATCH)).isNotEmpty()
        .allSatisfy(f -> assertThat(f.message()).contains("span size 123"));
    assertThat(r.findingsOf(Check.ZTOC_MISSING)).isNotEmpty()
        .allSatisfy(f -> assertThat(f.message()).contains(good.build().index().ztocs().get(0).ztocDigest()
            .toString()));
    assertThat(r.findingsOf(Check.ZTOC_UNREADABLE)).isNotEmpty();
    assertThat(r.findingsOf(Check.INDEX_UNREADABLE)).isNotEmpty();
    assertThat(r.fails(Check.Severity.ERROR)).isTrue();
  }
}
