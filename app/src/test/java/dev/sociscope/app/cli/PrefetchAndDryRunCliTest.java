package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.testing.MixedLayerImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create/convert take prefetch paths; convert previews with --dry-run and respects --existing-index. */
class PrefetchAndDryRunCliTest {
  @TempDir
  Path tmp;

  private String ref(Path layout, String tag) {
    return "oci:" + layout + ":" + tag;
  }

  @Test
  void createWritesPrefetchArtifactsAndWarnsAboutPathsFoundNowhere() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    Path json = Files.writeString(tmp.resolve("paths.json"), "[\"/etc/common.conf\", \"/etc\"]");
    CliTestSupport.Result r = CliTestSupport.run("create", ref(layout, MixedLayerImage.FILES), "--min-layer-size",
        "0", "--span-size", "64KiB", "--prefetch-file", "/app/bin", "--prefetch-file", "missing/file",
        "--prefetch-files-json", json.toString(), "--push");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("missing/file").contains("not found");
    CliTestSupport.Result list = CliTestSupport.run("prefetch", "list", ref(layout, MixedLayerImage.FILES));
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out().lines().filter(l -> l.startsWith("linux/amd64"))).hasSize(2);

    CliTestSupport.Result bad = CliTestSupport.run("create", ref(layout, MixedLayerImage.FILES),
        "--prefetch-files-json", Files.writeString(tmp.resolve("bad.json"), "[\"/a\"").toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).startsWith("sociscope: ").contains("not a valid JSON array");
  }

  @Test
  void aDryRunPrintsThePreviewAndWritesNothingAndSkipLeavesSociImagesAlone() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    CliTestSupport.Result dry = CliTestSupport.run("convert", ref(layout, MixedLayerImage.MIXED),
        ref(layout, "converted"), "--all-platforms", "--min-layer-size", "100KiB", "--span-size", "64KiB",
        "--dry-run");
    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("dry run: nothing written to ").contains("  rewritten  linux/amd64  sha256:")
        .contains("  rewritten  linux/arm64  sha256:").contains("bytes added: ");
    assertThat(OciLayout.open(layout).tags()).doesNotContain("converted");

    CliTestSupport.Result real = CliTestSupport.run("convert", ref(layout, MixedLayerImage.MIXED),
        ref(layout, "converted"), "--all-platforms", "--min-layer-size", "100KiB", "--span-size", "64KiB");
    assertThat(real.exitCode()).as(real.err()).isZero();
    CliTestSupport.Result skip = CliTestSupport.run("convert", ref(layout, "converted"), ref(layout, "again"),
        "--existing-index", "skip");
    assertThat(skip.exitCode()).isZero();
    assertThat(skip.out()).contains("skipped: ").contains("already a SOCI-enabled image");
    assertThat(OciLayout.open(layout).tags()).doesNotContain("again");
    CliTestSupport.Result junk = CliTestSupport.run("convert", ref(layout, "converted"), ref(layout, "again"),
        "--existing-index", "sometimes");
    assertThat(junk.exitCode()).isEqualTo(1);
    assertThat(junk.err()).contains("--existing-index takes warn, skip or allow");
  }
}
