package dev.sociscope.app.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.model.CreateIndexRequest;
import dev.sociscope.app.model.CreateIndexResult;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.service.CoreRegistryService;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.app.testing.RecordingDialogs;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.SociService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 item 6: the wizard says what will happen before Create. Every platform planned and counted as its own
 * index; Create disabled with a sentence when nothing would be indexed; the destination stated; an identical
 * existing index found before any layer is read ("open it / build anyway"); old results cleared when the options
 * change; an expected failure is a sentence, only a bug opens the error dialog.
 */
class CreateWizardTruthTest {
  @TempDir
  Path tmp;

  private RegistryConnection connection(Path layout) {
    return new RegistryConnection(new SavedRegistry("layout", "oci:" + layout, SavedRegistry.AuthMode.ANONYMOUS, "",
        false), "");
  }

  private CreateIndexViewModel wizard(RegistryService service, RecordingDialogs dialogs, Path layout, String tag)
      throws Exception {
    RegistryConnection c = connection(layout);
    ImageDetails image = service.image(c, "layout", tag, null, Progress.NONE);
    CreateIndexViewModel vm = new CreateIndexViewModel(service, new DirectTaskRunner(), dialogs, c, "layout", tag,
        image, r -> { });
    vm.minLayerMiBProperty().set(0);
    return vm;
  }

  private CoreRegistryService core() {
    return new CoreRegistryService(new ActivityLog(Clock.systemUTC()), tmp.resolve("cache"));
  }

  @Test
  void allPlatformsArePlannedAsOneIndexEachAndTheDestinationIsStated() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    CreateIndexViewModel vm = wizard(core(), new RecordingDialogs(), layout, MixedLayerImage.MIXED);
    assertThat(vm.estimateProperty().get()).contains("in 1 index(es), one per platform (linux/amd64)");
    vm.allPlatformsProperty().set(true);
    assertThat(vm.plan()).extracting(CreateIndexViewModel.PlanRow::platform).containsOnly("linux/amd64",
        "linux/arm64");
    assertThat(vm.estimateProperty().get()).contains("in 2 index(es), one per platform (linux/amd64, linux/arm64)")
        .contains("gzip trailer's ISIZE").contains("modulo 2^32").contains("approximated");
    assertThat(vm.destinationProperty().get()).isEqualTo("Create writes the index into the layout oci:" + layout
        + ", next to the image.");
    vm.versionProperty().set(SociVersion.V2);
    assertThat(vm.destinationProperty().get()).isEqualTo("Create writes a SOCI-enabled copy of the image into the"
        + " layout oci:" + layout + " as mixed-soci.");
    assertThat(vm.buildableProperty().get()).isTrue();
    assertThat(vm.blockedReasonProperty().get()).isEmpty();
  }

  @Test
  void nothingToIndexDisablesCreateAndSaysWhy() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    CreateIndexViewModel vm = wizard(core(), new RecordingDialogs(), layout, MixedLayerImage.MIXED);
    vm.minLayerMiBProperty().set(1); // every layer of the test image is smaller
    assertThat(vm.buildableProperty().get()).isFalse();
    assertThat(vm.blockedReasonProperty().get()).startsWith("Nothing would be indexed: none of the 5 layer(s) of"
        + " linux/amd64 is large enough");

    CreateIndexViewModel bad = wizard(core(), new RecordingDialogs(), layout, MixedLayerImage.NOT_A_LAYER);
    assertThat(bad.buildableProperty().get()).isFalse();
    assertThat(bad.blockedReasonProperty().get()).isEqualTo("Nothing can be indexed: layer 1 has the media type"
        + " application/vnd.example.not-a-layer+json, which is not a layer type, and SOCI refuses the whole image.");
  }

  @Test
  void anIdenticalIndexIsFoundBeforeAnyDownloadAndCanBeOpenedOrBuiltAnyway() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("other-cache")));
    SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withSpanSize(1 << 20).withMinLayerSize(0);
    String existing = soci.create("oci:" + layout + ":" + MixedLayerImage.FILES, SociService.CreateRequest.defaults()
        .withOptions(options).pushing(true), CreateListener.NONE, new Cancellation()).pushed().get(0).index()
        .digest().toString();

    List<CreateIndexResult> opened = new java.util.ArrayList<>();
    CoreRegistryService service = core();
    RegistryConnection c = connection(layout);
    ImageDetails image = service.image(c, "layout", MixedLayerImage.FILES, null, Progress.NONE);
    CreateIndexViewModel vm = new CreateIndexViewModel(service, new DirectTaskRunner(), new RecordingDialogs(), c,
        "layout", MixedLayerImage.FILES, image, opened::add);
    vm.minLayerMiBProperty().set(0);
    vm.spanMiBProperty().set(1);
    assertThat(vm.identicalProperty().get()).startsWith("An index with the same options already exists ("
        + dev.sociscope.core.format.ShortDigest.of(existing) + ")");
    assertThat(vm.buildableProperty().get()).isFalse();
    assertThat(vm.blockedReasonProperty().get()).isEqualTo("An identical index exists: open it, or choose Build"
        + " anyway.");
    // Nothing was built: the wizard's cache holds no zTOC (a gzip zTOC has a 32 KiB checkpoint at least).
    Path cache = tmp.resolve("cache");
    if (java.nio.file.Files.exists(cache)) {
      try (var files = java.nio.file.Files.walk(cache)) {
        assertThat(files.filter(java.nio.file.Files::isRegularFile).filter(f -> f.toFile().length() > 32_000))
            .isEmpty();
      }
    }

    vm.openIdentical();
    assertThat(vm.stateProperty().get()).isEqualTo(CreateIndexViewModel.State.DONE);
    assertThat(vm.resultProperty().get().indexDigests()).containsExactly(existing);
    assertThat(opened).hasSize(1);
    assertThat(vm.statusProperty().get()).startsWith("Opened the existing index ");

    // Other options: the old result goes, and the index is no longer identical.
    vm.spanMiBProperty().set(2);
    assertThat(vm.stateProperty().get()).isEqualTo(CreateIndexViewModel.State.EDITING);
    assertThat(vm.statusProperty().get()).isEmpty();
    assertThat(vm.resultProperty().get()).isNull();
    assertThat(vm.identicalProperty().get()).isEmpty();
    assertThat(vm.buildableProperty().get()).isTrue();

    vm.spanMiBProperty().set(1);
    assertThat(vm.buildableProperty().get()).isFalse();
    vm.buildAnywayProperty().set(true);
    assertThat(vm.buildableProperty().get()).isTrue();
    assertThat(vm.blockedReasonProperty().get()).isEmpty();
  }

  /** Plans with core, but the build fails with {@code failure}. */
  private RegistryService failingBuild(Exception failure) {
    CoreRegistryService core = core();
    return new RegistryService() {
      @Override
      public void connect(RegistryConnection connection, Progress progress) {}

      @Override
      public List<String> repositories(RegistryConnection connection, Progress progress) {
        return List.of();
      }

      @Override
      public List<String> tags(RegistryConnection connection, String repository, Progress progress) {
        return List.of();
      }

      @Override
      public ImageDetails image(RegistryConnection connection, String repository, String reference, String platform,
          Progress progress) throws Exception {
        return core.image(connection, repository, reference, platform, progress);
      }

      @Override
      public ZtocDocument openZtoc(RegistryConnection connection, String repository, ImageDetails.Layer layer,
          Progress progress) {
        throw new UnsupportedOperationException();
      }

      @Override
      public dev.sociscope.core.files.ImageFiles files(RegistryConnection connection, String repository,
          ImageDetails image, Progress progress) {
        throw new UnsupportedOperationException();
      }

      @Override
      public dev.sociscope.core.workflow.IndexPlan plan(RegistryConnection connection, String repository, String tag,
          boolean allPlatforms, String platform, SociIndexOptions options, Progress progress) throws Exception {
        return core.plan(connection, repository, tag, allPlatforms, platform, options, progress);
      }

      @Override
      public CreateIndexResult createIndex(RegistryConnection connection, CreateIndexRequest request,
          Progress progress) throws Exception {
        throw failure;
      }
    };
  }

  @Test
  void anExpectedFailureIsASentenceAndOnlyABugOpensTheErrorDialog() throws Exception {
    Path layout = tmp.resolve("layout");
    MixedLayerImage.write(layout);
    RecordingDialogs dialogs = new RecordingDialogs();
    CreateIndexViewModel refused = wizard(failingBuild(new IOException("the registry refused the upload (403)")),
        dialogs, layout, MixedLayerImage.FILES);
    refused.run();
    assertThat(refused.stateProperty().get()).isEqualTo(CreateIndexViewModel.State.FAILED);
    assertThat(refused.statusProperty().get()).startsWith("Not created: ").contains("refused the upload (403)")
        .doesNotContain("Exception").doesNotContain("unexpected");
    assertThat(dialogs.errors()).isEmpty();

    CreateIndexViewModel bug = wizard(failingBuild(new IllegalStateException("broken invariant")), dialogs, layout,
        MixedLayerImage.FILES);
    bug.run();
    assertThat(bug.statusProperty().get()).contains("Something unexpected went wrong: broken invariant");
    assertThat(dialogs.errors()).hasSize(1);
  }
}
