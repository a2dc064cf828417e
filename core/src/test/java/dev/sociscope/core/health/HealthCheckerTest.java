package dev.sociscope.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.CreatedIndex;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.SociService;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each finding fires on a layout image crafted to have that problem. */
class HealthCheckerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  Path tmp;
  private SociService soci;
  private HealthChecker checker;
  private final SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1)
      .withMinLayerSize(MixedLayerImage.MIN_LAYER_SIZE).withSpanSize(MixedLayerImage.SPAN_SIZE);

  @BeforeEach
  void image() throws Exception {
    MixedLayerImage.write(tmp.resolve("layout"));
    soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
    checker = new HealthChecker(soci);
  }

  private String ref(String tag) {
    return "oci:" + tmp.resolve("layout") + ":" + tag;
  }

  private List<Check> checks(HealthReport r) {
    return r.findings().stream().map(Finding::check).distinct().toList();
  }

  private CreatedIndex create(SociIndexOptions o) throws Exception {
    return soci.create(ref(MixedLayerImage.MIXED), SociService.CreateRequest.defaults().withOptions(o).pushing(true)
        .withPlatforms(ImageResolver.PlatformSelection.ALL), CreateListener.NONE, new Cancellation()).created()
        .get(0);
  }

  @Test
  void noIndexThenV1OnlyThenAmbiguousThenHealthyAfterConvert() throws Exception {
    HealthReport none = checker.check(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.ALL, 2);
    assertThat(none.findingsOf(Check.NO_INDEX)).extracting(Finding::subject)
        .containsExactly("platform linux/amd64", "platform linux/arm64");
    assertThat(none.findingsOf(Check.NO_INDEX).get(0).fix()).startsWith("sociscope convert ");
    assertThat(none.fails(Check.Severity.ERROR)).isTrue();

    create(options);
    HealthReport v1 = checker.check(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.ALL, 2);
    assertThat(checks(v1)).containsExactlyInAnyOrder(Check.V1_ONLY, Check.LAYER_NOT_INDEXED);
    assertThat(v1.findingsOf(Check.LAYER_NOT_INDEXED)).hasSize(6) // 3 skipped layers on each platform
        .allMatch(f -> f.message().contains("bytes are pulled before the container starts"));
    assertThat(v1.fails(Check.Severity.ERROR)).isFalse();
    assertThat(v1.fails(Check.Severity.WARNING)).isTrue();

    create(options.withSpanSize(2 * MixedLayerImage.SPAN_SIZE));
    assertThat(checks(checker.check(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.ALL, 0)))
        .contains(Check.AMBIGUOUS_INDEXES);

    soci.convert(ref(MixedLayerImage.MIXED), ref("converted"), ImageResolver.PlatformSelection.ALL,
        options.withVersion(SociVersion.V2), false, CreateListener.NONE, new Cancellation());
    HealthReport healthy = checker.check(ref("converted"), ImageResolver.PlatformSelection.ALL, 3);
    assertThat(checks(healthy)).containsOnly(Check.LAYER_NOT_INDEXED);
    assertThat(healthy.checks()).contains(Check.SPOT_CHECK_FAILED);
  }

  @Test
  void zeroedCheckpointWindowsAreFoundByTheSpotCheckNamingLayerAndSpan() throws Exception {
    CreatedIndex good = create(options.withMinLayerSize(0));
    OciLayout layout = OciLayout.open(tmp.resolve("layout"));
    ZtocDescriptor z = good.build().index().ztocs().get(0);
    Ztoc ztoc = ZtocReader.read(layout.readBlob(z.ztocDigest()));
    GzipZinfo zinfo = (GzipZinfo) dev.sociscope.core.ztoc.Zinfo.of(ztoc);
    List<Checkpoint> zeroed = new ArrayList<>();
    for (Checkpoint c : zinfo.checkpoints()) {
      zeroed.add(new Checkpoint(c.compressedOffset(), c.uncompressedOffset(), c.bits(),
          new byte[Checkpoint.WINDOW_SIZE]));
    }
    byte[] bad = ZtocWriter.write(new Ztoc(ztoc.version(), ztoc.buildToolIdentifier(), ztoc.compressedArchiveSize(),
        ztoc.uncompressedArchiveSize(), ztoc.files(), new CompressionInfo(ztoc.compressionInfo().algorithm(),
        ztoc.compressionInfo().maxSpanId(), ztoc.compressionInfo().spanDigests(), new GzipZinfo(zinfo.spanSize(),
        zeroed, zinfo.compressedArchiveSize(), zinfo.uncompressedArchiveSize()).encode())));
    layout.putBlob(Digest.of(bad), BlobContent.ofBytes(bad));
    // The same index, its first zTOC swapped for the corrupt one, replaces the good index in the layout.
    ObjectNode doc = (ObjectNode) JSON.readTree(good.build().bytes());
    ObjectNode first = (ObjectNode) doc.get("layers").get(0);
    first.put("digest", Digest.of(bad).toString()).put("size", bad.length);
    layout.removeManifest(good.build().digest());
    OciDocument swapped = OciDocument.parse(JSON.writeValueAsBytes(doc), MediaType.OCI_MANIFEST);
    layout.putManifest(swapped, null);
    layout.addEntry(swapped.descriptor().withArtifactType(MediaType.SOCI_INDEX_V1));

    HealthReport r = checker.check(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.DEFAULT, 3);
    assertThat(r.findingsOf(Check.SPOT_CHECK_FAILED)).singleElement().satisfies(f -> {
      assertThat(f.subject()).startsWith("layer " + z.layerDigest());
      assertThat(f.message()).startsWith("span ").contains("checkpoint");
    });
    String junit = new String(JUnitReport.write(r, Check.Severity.ERROR), StandardCharsets.UTF_8);
    assertThat(junit).contains("<testcase classname=\"sociscope.check\" name=\"spot-check-failed\">")
        .contains("<failure message=").contains("tests=\"" + r.checks().size() + "\"");
  }

  @Test
  void orphanedFallbackEntriesAreReportedButOtherReferrersAreNot() throws Exception {
    create(options);
    OciLayout layout = OciLayout.open(tmp.resolve("layout"));
    String gone = "sha256:" + "ab".repeat(32);
    String list = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":\""
        + MediaType.SOCI_INDEX_V1 + "\",\"digest\":\"sha256:" + "cd".repeat(32) + "\",\"size\":10},"
        + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"artifactType\":"
        + "\"application/vnd.dev.cosign.artifact.sig.v1+json\",\"digest\":\"sha256:" + "ef".repeat(32)
        + "\",\"size\":10}]}";
    layout.putManifest(OciDocument.parse(list.getBytes(StandardCharsets.UTF_8)), "sha256-" + "ab".repeat(32));
    HealthReport r = checker.check(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.DEFAULT, 0);
    assertThat(r.findingsOf(Check.ORPHANED_REFERRER)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("index sha256:" + "cd".repeat(32));
      assertThat(f.message()).contains(gone);
    });
  }

  /** Adds the good index's manifest, edited, as another v1 referrer of the image in the layout. */
  private void addEdited(CreatedIndex good, java.util.function.Consumer<ObjectNode> edit) throws Exception {
    OciLayout layout = OciLayout.open(tmp.resolve("layout"));
    ObjectNode doc = (ObjectNode) JSON.readTree(good.build().bytes());
    edit.accept(doc);
    OciDocument edited = OciDocument.parse(JSON.writeValueAsBytes(doc), MediaType.OCI_MANIFEST);
    layout.putManifest(edited, null);
    layout.addEntry(edited.descriptor().withArtifactType(MediaType.SOCI_INDEX_V1));
  }

  private static ObjectNode ztoc(ObjectNode doc, int i) {
    return (ObjectNode) doc.get("layers").get(i);
  }

  @Test
  void indexesInconsistentWithTheImageAreReported() throws Exception {
    CreatedIndex good = soci.create(ref(MixedLayerImage.FILES), SociService.CreateRequest.defaults()
        .withOptions(options.withMinLayerSize(0)).pushing(true), CreateListener.NONE, new Cancellation())
        .created().get(0);
    String unknown = "sha256:" + "12".repeat(32);
    addEdited(good, doc -> {
      ((ObjectNode) ztoc(doc, 0).get("annotations")).put("com.amazon.soci.image-layer-digest", unknown);
      ((ObjectNode) ztoc(doc, 1).get("annotations")).put("com.amazon.soci.span-size", "123");
    });
    String config = good.manifest().manifest().manifest().config().digest().toString();
    long configSize = good.manifest().manifest().manifest().config().size();
    addEdited(good, doc -> {
      ztoc(doc, 0).put("digest", "sha256:" + "34".repeat(32));
      ztoc(doc, 1).put("digest", config).put("size", configSize);
      doc.put("schemaVersion", 2); // keeps the digest apart from the first edit
      ((ObjectNode) doc.get("annotations")).put("edit", "2");
    });
    addEdited(good, doc -> ztoc(doc, 0).remove("annotations")); // a zTOC that names no layer: unreadable index
    HealthReport r = checker.check(ref(MixedLayerImage.FILES), ImageResolver.PlatformSelection.DEFAULT, 1);
    assertThat(r.findingsOf(Check.ZTOC_LAYER_UNKNOWN)).singleElement()
        .satisfies(f -> assertThat(f.subject()).startsWith("layer " + unknown));
    assertThat(r.findingsOf(Check.SPAN_SIZE_MISMATCH)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("span size 123"));
    assertThat(r.findingsOf(Check.ZTOC_MISSING)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("sha256:" + "34".repeat(32)));
    assertThat(r.findingsOf(Check.ZTOC_UNREADABLE)).isNotEmpty();
    assertThat(r.findingsOf(Check.INDEX_UNREADABLE)).isNotEmpty();
    assertThat(r.fails(Check.Severity.ERROR)).isTrue();
  }
}
