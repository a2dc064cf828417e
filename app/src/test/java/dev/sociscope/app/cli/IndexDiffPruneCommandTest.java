package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.ReferrersIndex;
import dev.sociscope.core.testing.MixedLayerImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sociscope index diff} and {@code index prune} on layout images. */
class IndexDiffPruneCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";
  @TempDir Path tmp;

  /** The digest after "created soci index " in create's output. */
  static String created(CliTestSupport.Result r) {
    Matcher m = Pattern.compile("created soci index (sha256:[0-9a-f]{64})").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }

  @Test
  void anotherSpanSizeRebuildsEveryZtocAndChangesNoFile() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    String ref = t.ref(MixedLayerImage.FILES);
    long span = MixedLayerImage.SPAN_SIZE;
    String small = created(t.ok("create", ref, "--push", "--min-layer-size", "0", "--span-size", "" + span));
    String large = created(t.ok("create", ref, "--push", "--min-layer-size", "0", "--span-size", "" + 4 * span,
        "--force"));
    JsonNode d = JSON.readTree(t.ok("index", "diff", t.ref(small), t.ref(large), "--json").out());
    assertThat(d.get("a").asText()).isEqualTo(small);
    assertThat(d.get("b").asText()).isEqualTo(large);
    assertThat(d.get("files_changed").asBoolean()).isFalse();
    assertThat(d.get("ztoc_bytes_delta").asLong()).isNegative();
    assertThat(d.get("layers")).hasSize(2).allSatisfy(l -> {
      assertThat(l.get("change").asText()).isEqualTo("rebuilt");
      assertThat(l.get("span_size_a").asLong()).isEqualTo(span);
      assertThat(l.get("span_size_b").asLong()).isEqualTo(4 * span);
      assertThat(l.get("span_size_changed").asBoolean()).isTrue();
      assertThat(l.get("files")).isEmpty();
    });
    CliTestSupport.Result text = t.ok("index", "diff", t.ref(small), t.ref(large));
    assertThat(text.out()).contains("A: index " + small).contains("B: index " + large)
        .containsPattern("rebuilt +sha256:[0-9a-f]{64} +" + span + " -> " + 4 * span + " +\\d+ -> \\d+ +-")
        .containsPattern("index manifest bytes [-+]?\\d+, zTOC bytes -\\d+; no file differs");
  }

  @Test
  void imagesThatDifferInOneFileShowThatFileAndReuseTheSharedLayer() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    String[] build = {"--push", "--min-layer-size", "0", "--span-size", "" + MixedLayerImage.SPAN_SIZE};
    t.ok(NewCommandsTestSupport.with(build, "create", t.ref(MixedLayerImage.FILES)));
    t.ok(NewCommandsTestSupport.with(build, "create", t.ref(MixedLayerImage.FILES_CHANGED)));
    CliTestSupport.Result text = t.ok("index", "diff", t.ref(MixedLayerImage.FILES),
        t.ref(MixedLayerImage.FILES_CHANGED));
    assertThat(text.out()).containsPattern("(?m)^reused +sha256:")
        .containsPattern("(?m)^replaced +sha256:[0-9a-f]{64} .* 1 changed +sha256:[0-9a-f]{64}$")
        .contains("  ~ /app/lib.so: size 196608 -> 196609")
        .doesNotContain("no file differs");
    JsonNode d = JSON.readTree(t.ok("index", "diff", t.ref(MixedLayerImage.FILES),
        t.ref(MixedLayerImage.FILES_CHANGED), "--json").out());
    assertThat(d.get("files_changed").asBoolean()).isTrue();
    JsonNode replaced = d.get("layers").get(1);
    assertThat(replaced.get("change").asText()).isEqualTo("replaced");
    assertThat(replaced.get("layer_a").asText()).isNotEqualTo(replaced.get("layer_b").asText());
    assertThat(replaced.get("files")).singleElement().satisfies(f -> {
      assertThat(f.get("kind").asText()).isEqualTo("changed");
      assertThat(f.get("path").asText()).isEqualTo("/app/lib.so");
    });
    assertThat(t.expect(1, "index", "diff", t.ref(MixedLayerImage.FILES), t.ref(MixedLayerImage.MIXED)).err())
        .startsWith("sociscope: ").contains("has no usable SOCI index to compare");
  }

  @Test
  void pruneListsThenRemovesOrphansAndKeepsASignatureInTheFallbackTag() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    String ref = t.ref(MixedLayerImage.FILES);
    String index = created(t.ok("create", ref, "--push", "--min-layer-size", "0"));
    OciLayout layout = OciLayout.open(t.layout);
    Digest image = layout.manifest(MixedLayerImage.FILES).digest();
    String tag = ReferrersIndex.fallbackTag(image);
    assertThat(t.ok("index", "prune", ref).out()).startsWith("nothing to prune");

    // A signature joins the fallback tag, then the image is deleted.
    byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
    layout.putBlob(Digest.of(empty), BlobContent.ofBytes(empty));
    OciDocument sig = OciDocument.parse(("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST
        + "\",\"artifactType\":\"" + SIG_TYPE + "\",\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\","
        + "\"digest\":\"" + Digest.of(empty) + "\",\"size\":2},\"layers\":[]}").getBytes(StandardCharsets.UTF_8),
        MediaType.OCI_MANIFEST);
    layout.putManifest(sig, null);
    ObjectNode list = (ObjectNode) JSON.readTree(layout.manifest(tag).bytes());
    ((ArrayNode) list.get("manifests")).addObject().put("mediaType", MediaType.OCI_MANIFEST)
        .put("artifactType", SIG_TYPE).put("digest", sig.digest().toString()).put("size", sig.size());
    layout.putManifest(OciDocument.parse(JSON.writeValueAsBytes(list)), tag);
    layout.removeManifest(image);

    String repo = "oci:" + t.layout;
    CliTestSupport.Result dry = t.ok("index", "prune", repo, "--dry-run");
    assertThat(dry.out()).isEqualTo("would remove index " + index + " from tag " + tag + ": its image manifest "
        + image + " is gone" + System.lineSeparator() + "would remove 1 orphaned SOCI entry (dry run: nothing"
        + " changed)" + System.lineSeparator());
    JsonNode dryJson = JSON.readTree(t.ok("index", "prune", repo, "-n", "--json").out());
    assertThat(dryJson.get("dry_run").asBoolean()).isTrue();
    assertThat(dryJson.get("orphans")).singleElement().satisfies(o -> {
      assertThat(o.get("tag").asText()).isEqualTo(tag);
      assertThat(o.get("index").asText()).isEqualTo(index);
      assertThat(o.get("subject").asText()).isEqualTo(image.toString());
      assertThat(o.get("subject_gone").asBoolean()).isTrue();
      assertThat(o.get("removed").asBoolean()).isFalse();
    });
    assertThat(OciLayout.open(t.layout).manifest(tag).index().manifests()).hasSize(2);

    JsonNode done = JSON.readTree(t.ok("index", "prune", repo, "--json").out());
    assertThat(done.get("orphans")).singleElement().satisfies(o -> {
      assertThat(o.get("removed").asBoolean()).isTrue();
      assertThat(o.get("manifest_deleted").asBoolean()).isTrue();
    });
    assertThat(OciLayout.open(t.layout).manifest(tag).index().manifests()).singleElement()
        .satisfies(d -> assertThat(d.digest()).isEqualTo(sig.digest()));
    assertThat(t.ok("index", "prune", repo).out()).startsWith("nothing to prune");
  }
}
