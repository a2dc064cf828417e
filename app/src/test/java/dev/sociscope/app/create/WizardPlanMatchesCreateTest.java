package dev.sociscope.app.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.cli.CliTestSupport;
import dev.sociscope.app.service.CoreRegistryService;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.app.testing.RecordingDialogs;
import dev.sociscope.core.testing.MixedLayerImage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's plan and {@code sociscope create} reach the same decision for every layer of the same images: gzip,
 * zstd, plain tar, small, a non-layer media type, two platforms. Both ask core's one rule; this checks the faces.
 */
class WizardPlanMatchesCreateTest {
  @TempDir
  Path tmp;

  private CreateIndexViewModel wizard(Path layout, String tag) throws Exception {
    RegistryConnection c = new RegistryConnection(new SavedRegistry("layout", "oci:" + layout,
        SavedRegistry.AuthMode.ANONYMOUS, "", false), "");
    CoreRegistryService service = new CoreRegistryService(new ActivityLog(Clock.systemUTC()), tmp.resolve("cache"));
    ImageDetails image = service.image(c, "layout", tag, null, Progress.NONE);
    CreateIndexViewModel vm = new CreateIndexViewModel(service, new DirectTaskRunner(), new RecordingDialogs(), c,
        "layout", tag, image, r -> { });
    vm.minLayerMiBProperty().set(0); // the wizard counts in MiB: 0 indexes every indexable layer
    vm.allPlatformsProperty().set(true);
    return vm;
  }

  /** Per layer digest and platform order, what {@code create} printed: "indexed" or its skip line. */
  private static Map<String, String> createDecisions(String output) {
    return output.lines().filter(l -> l.startsWith("layer sha256:") || l.startsWith("ztoc skipped - layer "))
        .collect(Collectors.toMap(l -> l.replaceFirst("^(ztoc skipped - )?layer (sha256:[0-9a-f]{64}).*$", "$2"),
            l -> l.startsWith("layer ") ? "indexed" : "skipped", (a, b) -> a));
  }

  @Test
  void everyLayerOfBothPlatformsGetsTheSameDecision() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    CreateIndexViewModel vm = wizard(layout, MixedLayerImage.MIXED);
    List<CreateIndexViewModel.PlanRow> rows = vm.plan();
    assertThat(rows).extracting(CreateIndexViewModel.PlanRow::platform).containsOnly("linux/amd64", "linux/arm64");
    assertThat(rows).hasSize(10);

    CliTestSupport.Result created = CliTestSupport.run("create", "oci:" + layout + ":" + MixedLayerImage.MIXED,
        "--all-platforms", "--min-layer-size", "0", "--span-size", Long.toString(MixedLayerImage.SPAN_SIZE));
    assertThat(created.exitCode()).as(created.err()).isZero();
    Map<String, String> cli = createDecisions(created.out());
    for (CreateIndexViewModel.PlanRow row : rows) {
      assertThat(cli).as("layer %s of %s", row.digest(), row.platform())
          .containsEntry(row.digest(), row.indexed() ? "indexed" : "skipped");
    }
    assertThat(rows).filteredOn(r -> !r.indexed()).extracting(CreateIndexViewModel.PlanRow::decision)
        .allMatch(d -> d.startsWith("skipped: compressed in a format SOCI cannot index"));
    assertThat(vm.buildableProperty().get()).isTrue();
  }

  @Test
  void aNonLayerMediaTypeDisablesCreateAndFailsTheCli() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    CreateIndexViewModel vm = wizard(layout, MixedLayerImage.NOT_A_LAYER);
    assertThat(vm.buildableProperty().get()).isFalse();
    CreateIndexViewModel.PlanRow bad = vm.plan().get(1);
    assertThat(bad.decision()).startsWith("not a layer type (application/vnd.example.not-a-layer+json)");

    CliTestSupport.Result created = CliTestSupport.run("create", "oci:" + layout + ":" + MixedLayerImage.NOT_A_LAYER,
        "--min-layer-size", "0");
    assertThat(created.exitCode()).isEqualTo(1);
    assertThat(created.err()).contains(bad.digest()).contains("not a layer mediaType");
  }

  @Test
  void layersBelowTheMinSizeAreSkippedByBothAndNothingIsBuilt() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    CreateIndexViewModel vm = wizard(layout, MixedLayerImage.MIXED);
    vm.minLayerMiBProperty().set(1); // every layer of the test image is smaller
    assertThat(vm.plan()).hasSize(10).allSatisfy(r -> {
      assertThat(r.indexed()).isFalse();
      assertThat(r.decision()).startsWith("skipped: smaller than the min layer size");
    });
    assertThat(vm.buildableProperty().get()).isFalse();
    CliTestSupport.Result created = CliTestSupport.run("create", "oci:" + layout + ":" + MixedLayerImage.MIXED,
        "--all-platforms", "--min-layer-size", Long.toString(1 << 20));
    assertThat(created.exitCode()).isEqualTo(1);
    assertThat(created.err()).contains("no ztocs created");
  }

  @Test
  void theMigrationPreviewShowsWhatAV2BuildWritesAndWritesNothing() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    CreateIndexViewModel vm = wizard(layout, MixedLayerImage.MIXED);
    vm.versionProperty().set(dev.sociscope.core.soci.SociVersion.V2);
    vm.preview();
    assertThat(vm.previewLines().get(0)).startsWith("image index sha256:").endsWith(" mixed-soci");
    assertThat(vm.previewLines()).anyMatch(l -> l.startsWith("rewritten  linux/amd64  sha256:"))
        .anyMatch(l -> l.startsWith("rewritten  linux/arm64  sha256:"))
        .anyMatch(l -> l.startsWith("added      SOCI index v2 sha256:"))
        .anyMatch(l -> l.startsWith("bytes added: "));
    assertThat(vm.statusProperty().get()).startsWith("Preview ready: ").contains("nothing was written");
    assertThat(dev.sociscope.core.layout.OciLayout.open(layout).tags()).doesNotContain("mixed-soci");
    // A change of options makes the preview stale: it goes.
    vm.spanMiBProperty().set(2);
    assertThat(vm.previewLines()).isEmpty();
  }
}
