package dev.sociscope.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.CoreRegistryService;
import dev.sociscope.app.service.DemoImageStore;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.testing.DirectTaskRunner;
import dev.sociscope.app.testing.RecordingDialogs;
import dev.sociscope.app.ztoc.TreeState;
import dev.sociscope.core.workflow.DemoImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Files tab's states on the real demo image (layer 0 has no zTOC, layer 1 has one): what the tree says while
 * loading, for a layer without a zTOC, when the filter hides everything, when listing fails, and that a reload
 * (Refresh) selects the same path again where it still exists.
 */
class ImageFilesStatusTest {
  @TempDir Path temp;
  private CoreRegistryService service;
  private RegistryConnection connection;
  private String repository;
  private ImageDetails demo;
  private ImageFilesViewModel files;
  private final List<TreeState> seen = new ArrayList<>();
  private final RecordingDialogs dialogs = new RecordingDialogs();
  private Path layout;

  @BeforeEach
  void openDemo() throws Exception {
    layout = new DemoImageStore(temp.resolve("demo")).ensure();
    service = new CoreRegistryService(new ActivityLog(Clock.systemUTC()), temp.resolve("cache"));
    connection = new RegistryConnection(new SavedRegistry("demo", "oci:" + layout.toAbsolutePath(),
        SavedRegistry.AuthMode.ANONYMOUS, "", false), "");
    repository = service.repositories(connection, Progress.NONE).get(0);
    demo = service.image(connection, repository, DemoImage.TAG, null, Progress.NONE);
    files = new ImageFilesViewModel(service, new DirectTaskRunner(), dialogs);
    files.statusProperty().addListener((o, a, b) -> seen.add(b.state()));
  }

  @AfterEach
  void close() throws Exception {
    service.close();
  }

  private TreeState state() {
    return files.statusProperty().get().state();
  }

  private String text() {
    return files.statusProperty().get().text();
  }

  @Test
  void loadingThenListedNeverEmptyOnTheWay() {
    files.load(connection, repository, demo);
    assertThat(seen).startsWith(TreeState.LOADING).endsWith(TreeState.SHOWN).doesNotContain(TreeState.EMPTY);
    assertThat(text()).isEmpty();
  }

  @Test
  void aLayerWithoutZtocSaysSoUntilStreamed() {
    files.load(connection, repository, demo);
    files.selectView(1); // layer 0: no zTOC
    assertThat(state()).isEqualTo(TreeState.NOT_INDEXED);
    assertThat(text()).contains("no zTOC").doesNotContain("has no files");
    files.scanUnindexed();
    assertThat(state()).isEqualTo(TreeState.SHOWN);
    assertThat(files.treeProperty().get().find("etc/os-release")).isPresent();
  }

  @Test
  void aFilterThatHidesEverythingNamesTheFilter() {
    files.load(connection, repository, demo);
    files.filterTextProperty().set("nothing-like-this");
    files.applyFilter();
    assertThat(state()).isEqualTo(TreeState.FILTERED_OUT);
    assertThat(text()).startsWith("No file matches \u201cnothing-like-this\u201d.");
    files.clearFilter();
    assertThat(state()).isEqualTo(TreeState.SHOWN);
  }

  @Test
  void aFailedListingSaysWhy() throws Exception {
    try (Stream<Path> blobs = Files.walk(layout.resolve("blobs"))) {
      for (Path p : blobs.filter(Files::isRegularFile).toList()) {
        Files.delete(p);
      }
    }
    files.load(connection, repository, demo);
    assertThat(state()).isEqualTo(TreeState.FAILED);
    assertThat(text()).startsWith("The files could not be listed: ").hasSizeGreaterThan(32);
    assertThat(seen).doesNotContain(TreeState.EMPTY);
  }

  @Test
  void aReloadSelectsTheSamePathWhereItStillExists() {
    files.load(connection, repository, demo);
    files.selectedPathProperty().set("data/numbers.txt");
    files.reloadKeepingSelection();
    assertThat(files.shows(demo)).as("a refresh reads the files again").isFalse();
    files.load(connection, repository, demo);
    FileNode again = files.reselectProperty().get();
    assertThat(again).isNotNull();
    assertThat(again.displayPath()).isEqualTo("/data/numbers.txt");
    assertThat(files.treeProperty().get().find("data/numbers.txt")).containsSame(again);

    files.selectedPathProperty().set("gone/away.txt");
    files.reloadKeepingSelection();
    files.load(connection, repository, demo);
    assertThat(files.reselectProperty().get()).isNull();
  }

  @Test
  void aReloadKeepsTheShownLayerByDigestOrSaysWhyItShowsTheMergedImage() {
    files.load(connection, repository, demo);
    files.selectView(2); // layer 1, the one with a zTOC
    FileNode numbers = files.treeProperty().get().find("data/numbers.txt").orElseThrow();
    files.selectedPathProperty().set("data/numbers.txt");
    files.reloadKeepingSelection();
    files.load(connection, repository, demo);
    assertThat(files.shownViewProperty().get()).as("the same layer").isEqualTo(2);
    assertThat(files.summaryProperty().get()).endsWith(" entries, 1 of 1 layers");
    assertThat(files.reselectProperty().get()).isNotNull().isNotSameAs(numbers);
    assertThat(files.reselectProperty().get().displayPath()).isEqualTo("/data/numbers.txt");

    // The image was rebuilt meanwhile and that layer is gone: the merged image, and the summary says why.
    List<ImageDetails.Layer> layers = new ArrayList<>(demo.layers());
    ImageDetails.Layer old = layers.get(1);
    layers.set(1, new ImageDetails.Layer(old.index(), "sha256:" + "0".repeat(64), old.mediaType(), old.size(),
        old.ztocDigest(), old.ztocSize(), old.spanSize(), old.sociStatus()));
    ImageDetails rebuilt = new ImageDetails(demo.reference(), demo.digest(), demo.mediaType(), demo.platforms(),
        demo.platform(), demo.manifestDigest(), demo.config(), layers, demo.sociIndexes());
    files.reloadKeepingSelection();
    files.load(connection, repository, rebuilt);
    assertThat(files.shownViewProperty().get()).isZero();
    assertThat(files.summaryProperty().get()).contains(" layers  \u00b7  Layer 1 (sha256:")
        .endsWith("shown before is no longer in the image: showing the merged image");
    assertThat(files.reselectProperty().get().displayPath()).isEqualTo("/data/numbers.txt");
    files.selectView(2);
    assertThat(files.summaryProperty().get()).doesNotContain("no longer");

    // Another image (no refresh) starts with the merged image.
    files.load(connection, repository, demo);
    assertThat(files.shownViewProperty().get()).isZero();
    assertThat(files.summaryProperty().get()).doesNotContain("no longer");
  }
}
