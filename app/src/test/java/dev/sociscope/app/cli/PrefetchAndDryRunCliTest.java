package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.testing.MixedLayerImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create/convert take prefetch paths; convert previews with --dry-run and respects --existing-index. */
class PrefetchAndDryRunCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] BUILD = NewCommandsTestSupport.BUILD;

  @TempDir
  Path tmp;

  @Test
  void createWritesPrefetchDescriptorsAfterTheZtocsAndWarnsAboutPathsFoundNowhere() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    String ref = t.ref(MixedLayerImage.FILES);
    Path json = Files.writeString(tmp.resolve("paths.json"), "[\"/etc/common.conf\", \"/etc\"]");
    CliTestSupport.Result r = t.ok(NewCommandsTestSupport.with(BUILD, "create", ref, "--prefetch-file", "/app/bin",
        "--prefetch-file", "/no/such/file", "--prefetch-files-json", json.toString(), "--push"));
    assertThat(r.err()).contains("warning: prefetch file /no/such/file (no/such/file) not found in any indexed"
        + " layer");
    // A directory finds nothing (spec 3.7: the TOC names it "etc/"), as upstream: a warning too.
    assertThat(r.err()).contains("warning: prefetch file etc (etc) not found in any indexed layer");
    assertThat(r.err().lines().filter(l -> l.startsWith("warning: "))).hasSize(2);
    assertThat(r.out()).doesNotContain("not found").contains("created soci index sha256:");

    List<String> mediaTypes = new ArrayList<>();
    List<String> layers = new ArrayList<>();
    for (JsonNode d : indexManifest(t, ref).get("layers")) {
      mediaTypes.add(d.get("mediaType").asText());
      layers.add(d.path("annotations").path("com.amazon.soci.image-layer-digest").asText());
    }
    // Both layers are indexed; /app/bin is in layer 0, /etc/common.conf in both: the upper one (layer 1) wins.
    assertThat(mediaTypes).containsExactly(MediaType.ZTOC, MediaType.ZTOC, MediaType.SOCI_PREFETCH,
        MediaType.SOCI_PREFETCH);
    assertThat(layers.subList(2, 4)).containsExactlyElementsOf(layers.subList(0, 2));

    CliTestSupport.Result list = t.ok("prefetch", "list", ref);
    assertThat(list.out().lines().filter(l -> l.startsWith("linux/amd64"))).hasSize(2);
  }

  @Test
  void badPrefetchJsonIsOneLineNamingTheFile() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    String ref = t.ref(MixedLayerImage.FILES);
    Path bad = Files.writeString(tmp.resolve("bad.json"), "[\"/a\"");
    CliTestSupport.Result r = t.expect(1, "create", ref, "--prefetch-files-json", bad.toString());
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("sociscope: --prefetch-files-json " + bad + ": ").contains("not a valid JSON array");
    Path list = Files.writeString(tmp.resolve("list.txt"), "/app/bin\n");
    assertThat(t.expect(1, "convert", ref, t.ref("x"), "--prefetch-files-json", list.toString()).err())
        .contains("not a JSON array of paths");
    assertThat(t.expect(1, "create", ref, "--prefetch-files-json", tmp.resolve("gone.json").toString()).err())
        .isEqualTo("sociscope: --prefetch-files-json " + tmp.resolve("gone.json") + ": no such file or directory"
            + System.lineSeparator());
  }

  @Test
  void convertTakesPrefetchPathsToo() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    CliTestSupport.Result r = t.ok(NewCommandsTestSupport.with(BUILD, "convert", t.ref(MixedLayerImage.FILES),
        t.ref("converted"), "--prefetch-file", "/app/lib.so", "--prefetch-file", "/missing"));
    assertThat(r.err()).contains("warning: prefetch file /missing (missing) not found in any indexed layer");
    CliTestSupport.Result list = t.ok("prefetch", "list", t.ref("converted"), "--json");
    assertThat(JSON.readTree(list.out())).hasSize(1);
  }

  @Test
  void aDryRunPrintsThePreviewAndWritesNothing() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    String src = t.ref(MixedLayerImage.MIXED);
    String dst = t.ref("converted");
    Map<String, String> before = snapshot(t.layout);
    CliTestSupport.Result dry = t.ok(NewCommandsTestSupport.with(BUILD, "convert", src, dst, "--all-platforms",
        "--dry-run"));
    assertThat(dry.out()).contains("dry run: nothing written to ")
        .containsPattern("SOCI-enabled image index sha256:[0-9a-f]{64} would be tagged ")
        .containsPattern("  rewritten  linux/amd64  sha256:[0-9a-f]{64} -> sha256:[0-9a-f]{64}")
        .containsPattern("  rewritten  linux/arm64  sha256:[0-9a-f]{64} -> sha256:[0-9a-f]{64}")
        .containsPattern("  added      soci index v2  sha256:[0-9a-f]{64}  [0-9.]+ (B|KiB)")
        .contains("bytes added: ");
    assertThat(dry.out().lines().filter(l -> l.startsWith("  added "))).hasSize(2);
    assertThat(snapshot(t.layout)).isEqualTo(before);

    CliTestSupport.Result json = t.ok(NewCommandsTestSupport.with(BUILD, "convert", src, dst, "--all-platforms",
        "--dry-run", "--json"));
    JsonNode preview = JSON.readTree(json.out()); // stdout is the JSON document alone
    assertThat(preview.get("skipped_because").isNull()).isTrue();
    assertThat(preview.get("rewritten")).hasSize(2);
    assertThat(preview.get("rewritten").findValuesAsText("platform")).containsExactly("linux/amd64", "linux/arm64");
    assertThat(preview.get("added")).hasSize(2);
    assertThat(preview.get("bytes_added").asLong()).isPositive();
    assertThat(json.err()).contains(" -> ztoc sha256:"); // the build's lines moved to stderr
    assertThat(snapshot(t.layout)).isEqualTo(before);

    // The preview tells the truth: the real conversion writes the image index it announced.
    CliTestSupport.Result real = t.ok(NewCommandsTestSupport.with(BUILD, "convert", src, dst, "--all-platforms"));
    assertThat(real.out()).contains("SOCI-enabled image " + preview.get("destination").asText() + " "
        + preview.get("image_index").asText());
    assertThat(snapshot(t.layout)).isNotEqualTo(before);
  }

  @Test
  void existingIndexSkipWritesNothingWarnSaysSoAndAllowIsSilent() throws Exception {
    NewCommandsTestSupport t = new NewCommandsTestSupport(tmp);
    t.ok(NewCommandsTestSupport.with(BUILD, "convert", t.ref(MixedLayerImage.MIXED), t.ref("converted"),
        "--all-platforms"));
    Map<String, String> before = snapshot(t.layout);

    CliTestSupport.Result skip = t.ok("convert", t.ref("converted"), t.ref("again"), "--existing-index", "skip");
    assertThat(skip.out()).startsWith("skipped: ").contains("already a SOCI-enabled image");
    assertThat(snapshot(t.layout)).isEqualTo(before);
    assertThat(OciLayout.open(t.layout).tags()).doesNotContain("again");

    CliTestSupport.Result skipJson = t.ok("convert", t.ref("converted"), t.ref("again"), "--existing-index", "SKIP",
        "--dry-run", "--json");
    assertThat(JSON.readTree(skipJson.out()).get("skipped_because").asText()).contains("already a SOCI-enabled");
    assertThat(snapshot(t.layout)).isEqualTo(before);

    CliTestSupport.Result warn = t.ok(NewCommandsTestSupport.with(BUILD, "convert", t.ref("converted"),
        t.ref("again")));
    assertThat(warn.err()).contains("warning: ").contains("converting anyway");
    assertThat(OciLayout.open(t.layout).tags()).contains("again");

    CliTestSupport.Result allow = t.ok(NewCommandsTestSupport.with(BUILD, "convert", t.ref("converted"),
        t.ref("again2"), "--existing-index", "allow"));
    assertThat(allow.err()).doesNotContain("warning");

    CliTestSupport.Result junk = t.expect(2, "convert", t.ref("converted"), t.ref("again"), "--existing-index",
        "sometimes");
    assertThat(junk.err()).startsWith("sociscope: Invalid value for option '--existing-index': 'sometimes' is not"
        + " warn, skip or allow");
    assertThat(t.expect(2, "convert", t.ref("converted"), t.ref("again"), "--json").err())
        .contains("--json needs --dry-run");
  }

  /** The index manifest of the image's one v1 SOCI index, read from the layout. */
  private static JsonNode indexManifest(NewCommandsTestSupport t, String ref) throws IOException {
    JsonNode list = JSON.readTree(t.ok("index", "list", ref, "--json").out());
    assertThat(list).hasSize(1);
    Digest digest = Digest.parse(list.get(0).get("digest").asText());
    return JSON.readTree(Files.readAllBytes(OciLayout.open(t.layout).blobPath(digest)));
  }

  /** Every file of the layout with its size and modification time: a dry run must change none. */
  private static Map<String, String> snapshot(Path layout) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(layout)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        files.put(layout.relativize(p).toString(), Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis()
            + " " + Digest.of(Files.readAllBytes(p)).hex());
      }
    }
    return files;
  }
}
