package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.files.ImageFilesController;
import dev.sociscope.app.files.ImageFilesViewModel;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.preview.WindowedPreview;
import dev.sociscope.app.model.FileTree;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.core.files.ReadStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The image view's Files tab on the demo image: the tree fills the window at 1600x1000 and 1024x700, the merged
 * tree filters (Ctrl+F) and copies paths, the preview follows the selection and reads only its first screenful.
 */
@ExtendWith(ApplicationExtension.class)
class FilesTabGuiTest {
  private AppContext ctx;
  private Stage stage;
  private Path configDir;

  @Start
  void start(Stage stage) throws Exception {
    this.stage = stage;
    configDir = Files.createTempDirectory("sociscope-files-tab");
    ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(true);
  }

  private ImageFilesViewModel openFilesTab() {
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(1));
    waitUntil("merged tree", () -> ctx.registryViewModel().files().treeProperty().get() != null);
    return ctx.registryViewModel().files();
  }

  /** How many whole rows of the tree fit in what the window gives it (the rows a user sees at once). */
  static int visibleRows(TreeTableView<FileNode> tree) {
    return fx(() -> {
      tree.applyCss();
      tree.layout();
      Node clip = tree.lookup(".clipped-container");
      double height = clip.getLayoutBounds().getHeight();
      return (int) Math.floor(height / tree.getFixedCellSize());
    });
  }

  private void resize(double w, double h) {
    fxRun(() -> {
      stage.setWidth(w);
      stage.setHeight(h);
    });
    WaitForAsyncUtils.waitForFxEvents();
    fxRun(() -> ctx.scene().getRoot().layout());
    WaitForAsyncUtils.waitForFxEvents();
  }

  @Test
  void theTreeGetsTheHeightAtBothWindowSizes() {
    openFilesTab();
    TreeTableView<FileNode> tree = ctx.main().registry().imageFiles().tree();
    resize(1600, 1000);
    int large = visibleRows(tree);
    resize(1024, 700);
    int small = visibleRows(tree);
    System.out.println("Files tab rows visible: " + large + " at 1600x1000, " + small + " at 1024x700");
    assertThat(large).isGreaterThanOrEqualTo(25);
    assertThat(small).isGreaterThanOrEqualTo(12);
    // Nothing previewed yet: the preview pane takes no room.
    assertThat(fx(() -> ctx.main().registry().imageFiles().split().getItems())).hasSize(1);
    // The "Create index..." button keeps its whole text at 1024 px.
    javafx.scene.control.Button create = fx(() -> (javafx.scene.control.Button) ctx.scene().lookup(
        "#createIndexButton"));
    assertThat(fx(() -> create.getWidth() >= create.prefWidth(-1) - 0.5)).isTrue();
  }

  @Test
  void mergedTreeFiltersWithCtrlFAndCopiesPaths(FxRobot robot) {
    ImageFilesViewModel files = openFilesTab();
    ImageFilesController view = ctx.main().registry().imageFiles();
    TreeTableView<FileNode> tree = view.tree();
    robot.clickOn(tree);
    robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
    waitUntil("filter focused", () -> view.filterField().isFocused());
    robot.write("numbers");
    waitUntil("filtered", () -> files.filterResultProperty().get() != null);
    assertThat(fx(() -> files.filterSummaryProperty().get())).isEqualTo("1 matches");
    // Only the match and its folder are shown, the folder opened.
    waitUntil("match shown", () -> tree.getExpandedItemCount() == 2);
    assertThat(fx(() -> tree.getTreeItem(1).getValue().displayPath())).isEqualTo("/data/numbers.txt");

    // Down from the field goes to the tree; arrows move; Ctrl+C copies the selected path.
    robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
    waitUntil("tree focused", tree::isFocused);
    robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
    waitUntil("file selected", () -> tree.getSelectionModel().getSelectedItem() != null
        && tree.getSelectionModel().getSelectedItem().getValue().name().equals("numbers.txt"));
    robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
    waitUntil("copied", () -> "/data/numbers.txt".equals(Clipboard.getSystemClipboard().getString()));

    // Enter previews; the pane appears.
    robot.press(KeyCode.ENTER).release(KeyCode.ENTER);
    waitUntil("preview", () -> files.previewLines().size() > 10);
    assertThat(fx(() -> view.split().getItems())).hasSize(2);

    // Esc in the filter field clears it.
    robot.clickOn(view.filterField());
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    waitUntil("unfiltered", () -> files.filterResultProperty().get() == null);
    waitUntil("whole tree", () -> tree.getExpandedItemCount() >= 3);
  }

  @Test
  void previewFollowsTheSelectionAndFetchesOnlyItsFirstScreenful() throws Exception {
    ImageFilesViewModel files = openFilesTab();
    ImageFilesController view = ctx.main().registry().imageFiles();
    TreeTableView<FileNode> tree = view.tree();
    FileTree merged = fx(() -> files.treeProperty().get());
    FileNode random = merged.find("data/random.bin").orElseThrow();
    FileNode numbers = merged.find("data/numbers.txt").orElseThrow();

    fxRun(() -> files.preview(random));
    waitUntil("hex", () -> files.lastPreviewStatsProperty().get() != null);
    ReadStats first = fx(() -> files.lastPreviewStatsProperty().get());
    // 12 MiB of random bytes in 1 MiB spans: the preview reads the one span holding its first 64 KiB.
    assertThat(first.fileSize()).isEqualTo(12L << 20);
    assertThat(first.spans()).isEqualTo(1);
    assertThat(first.bytesFetched()).isLessThan(2L << 20);
    assertThat(fx(() -> files.previewLines().size())).isEqualTo(WindowedPreview.FIRST_WINDOW / 16);
    assertThat(fx(() -> files.previewLines().get(0))).startsWith("00000000  ");
    assertThat(fx(() -> files.moreAvailableProperty().get())).isTrue();

    // Scrolling to the end reads the next bytes (and only those).
    fxRun(() -> view.previewArea().scrollTo(files.previewLines().size() - 1));
    waitUntil("more", () -> files.previewLines().size() > WindowedPreview.FIRST_WINDOW / 16);
    assertThat(fx(() -> files.previewLines().get(WindowedPreview.FIRST_WINDOW / 16)))
        .startsWith(String.format("%08x  ", WindowedPreview.FIRST_WINDOW));
    assertThat(fx(() -> files.lastPreviewStatsProperty().get().bytesFetched())).isLessThan(2L << 20);

    // Selecting another file while the pane is open previews that file.
    fxRun(() -> {
      TreeItem<FileNode> data = ZtocViewsGuiTest.child(tree.getRoot(), "data");
      data.setExpanded(true);
      tree.getSelectionModel().clearAndSelect(tree.getRow(ZtocViewsGuiTest.child(data, "numbers.txt")));
    });
    waitUntil("text preview", () -> files.previewedProperty().get() == numbers && files.previewLines().size() > 100
        && files.previewLines().get(0).equals("0 fizzbuzz"));

    // "Save as" of another file: the preview shows that file, never the previous one's bytes.
    Path target = configDir.resolve("random-copy.bin");
    fxRun(() -> files.save(random, target));
    assertThat(fx(() -> files.previewedProperty().get())).isSameAs(random);
    assertThat(fx(() -> List.copyOf(files.previewLines()))).doesNotContain("0 fizzbuzz");
    waitUntil("saved", () -> files.readStatusProperty().get().contains("Saved to"));
    assertThat(Files.size(target)).isEqualTo(12L << 20);
    waitUntil("saved file previewed", () -> !files.previewLines().isEmpty()
        && files.previewLines().get(0).startsWith("00000000  "));
    assertThat(fx(() -> files.readStatusProperty().get())).contains("Saved to");
    assertThat(fx(() -> view.readStatus().getTooltip() != null
        && view.readStatus().getTooltip().getText().contains(target.toString()))).isTrue();

    // Closing the pane gives the tree its width back; an image opened anew starts without filter or preview.
    fxRun(() -> files.closePreview());
    assertThat(fx(() -> view.split().getItems())).hasSize(1);
    fxRun(() -> {
      files.filterTextProperty().set("numbers");
      files.applyFilter();
      files.preview(numbers);
    });
    waitUntil("filtered", () -> files.filterResultProperty().get() != null);
    var connection = fx(() -> ctx.registryViewModel().connectionProperty().get());
    String repo = fx(() -> ctx.registryViewModel().selectedRepositoryProperty().get());
    var image = fx(() -> ctx.registryViewModel().imageProperty().get());
    fxRun(() -> files.load(connection, repo, image));
    assertThat(fx(() -> files.filterTextProperty().get())).isEmpty();
    assertThat(fx(() -> files.filterResultProperty().get())).isNull();
    assertThat(fx(() -> files.previewShownProperty().get())).isFalse();
    waitUntil("reloaded", () -> files.treeProperty().get() != null);
    assertThat(fx(() -> view.filterField().getText())).isEmpty();
  }

  @Test
  void theSplitPositionIsRemembered() {
    ImageFilesViewModel files = openFilesTab();
    ImageFilesController view = ctx.main().registry().imageFiles();
    resize(1600, 1000);
    FileNode numbers = fx(() -> files.treeProperty().get().find("data/numbers.txt").orElseThrow());
    fxRun(() -> files.preview(numbers));
    waitUntil("pane", () -> view.split().getItems().size() == 2);
    fxRun(() -> view.split().getDividers().get(0).setPosition(0.7));
    waitUntil("remembered", () -> Math.abs(ctx.settings().get().divider("files.preview.side", 0) - 0.7) < 0.01);
    fxRun(files::closePreview);
    fxRun(() -> files.preview(numbers));
    waitUntil("pane again", () -> view.split().getItems().size() == 2);
    assertThat(fx(() -> view.split().getDividers().get(0).getPosition())).isCloseTo(0.7,
        org.assertj.core.data.Offset.offset(0.01));
    // Bounds sanity: the preview sits to the right of the tree in a wide window.
    Bounds treeBounds = fx(() -> view.tree().localToScene(view.tree().getBoundsInLocal()));
    Bounds listBounds = fx(() -> view.previewArea().localToScene(view.previewArea().getBoundsInLocal()));
    assertThat(listBounds.getMinX()).isGreaterThan(treeBounds.getMinX() + treeBounds.getWidth() / 2);
  }
}
