package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.files.ImageFilesController;
import dev.sociscope.app.files.ImageFilesViewModel;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Files tab on the demo image says what is true in its tree's placeholder (a layer without a zTOC, a filter that
 * hides everything), and F5 and the Refresh button keep the Files tab, its "Show" choice (a layer) and the selected
 * path.
 */
@ExtendWith(ApplicationExtension.class)
class FilesStatesGuiTest {
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    Path configDir = Files.createTempDirectory("sociscope-files-states");
    ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(true);
  }

  private String placeholder(TreeTableView<FileNode> tree) {
    return fx(() -> ((Label) tree.getPlaceholder()).getText());
  }

  @Test
  void placeholderSaysWhatIsTrueAndRefreshKeepsTabShowChoiceAndPath(FxRobot robot) {
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(1));
    ImageFilesViewModel files = ctx.registryViewModel().files();
    ImageFilesController view = ctx.main().registry().imageFiles();
    TreeTableView<FileNode> tree = view.tree();
    waitUntil("merged tree", () -> files.treeProperty().get() != null);

    // Layer 0 of the demo image has no zTOC: the tree says so, not "no files".
    fxRun(() -> view.viewBox().getSelectionModel().select(1));
    waitUntil("layer 0 listed", () -> !files.loadingProperty().get() && files.treeProperty().get() != null
        && placeholder(tree).contains("no zTOC"));
    assertThat(placeholder(tree)).doesNotContain("has no files");
    assertThat(fx(tree::getExpandedItemCount)).isZero();

    // Back to the merged tree; a filter that hides everything names itself.
    fxRun(() -> view.viewBox().getSelectionModel().select(0));
    waitUntil("merged again", () -> !files.loadingProperty().get() && fx(tree::getExpandedItemCount) > 0);
    robot.clickOn(view.filterField());
    fxRun(() -> view.filterField().setText("nothing-like-this")); // typed text would race the 2-core machine
    waitUntil("filtered out", () -> placeholder(tree).startsWith("No file matches \u201cnothing-like-this\u201d."));
    robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    waitUntil("filter cleared", () -> files.filterResultProperty().get() == null
        && fx(tree::getExpandedItemCount) > 0);

    // Show layer 1 (the one with a zTOC), select /data/numbers.txt in it, press F5: the Files tab, the "Show"
    // choice and the selected path stay.
    fxRun(() -> view.viewBox().getSelectionModel().select(2));
    waitUntil("layer 1 listed", () -> !files.loadingProperty().get() && files.treeProperty().get() != null
        && files.treeProperty().get().find("data/numbers.txt").isPresent()
        && files.summaryProperty().get().endsWith(" 1 of 1 layers"));
    FileNode numbers = files.treeProperty().get().find("data/numbers.txt").orElseThrow();
    fxRun(() -> {
      TreeItem<FileNode> data = tree.getRoot().getChildren().stream()
          .filter(i -> i.getValue().name().equals("data")).findFirst().orElseThrow();
      data.setExpanded(true);
      tree.getSelectionModel().select(data.getChildren().stream()
          .filter(i -> i.getValue() == numbers).findFirst().orElseThrow());
    });
    FileNode before = files.treeProperty().get().root();
    robot.clickOn(tree);
    robot.type(KeyCode.F5);
    waitUntil("refreshed", () -> ctx.registryViewModel().statusProperty().get().startsWith("Refreshed:")
        && files.treeProperty().get() != null && files.treeProperty().get().root() != before
        && !files.loadingProperty().get());
    assertKept(files, view, numbers);

    // The Refresh button does the same.
    FileNode beforeButton = files.treeProperty().get().root();
    FileNode numbersNow = fx(() -> tree.getSelectionModel().getSelectedItem().getValue());
    robot.clickOn(robot.lookup(n -> n instanceof javafx.scene.control.Button b && "Refresh".equals(b.getText()))
        .queryAs(javafx.scene.control.Button.class));
    waitUntil("refreshed by the button", () -> files.treeProperty().get() != null
        && files.treeProperty().get().root() != beforeButton && !files.loadingProperty().get());
    assertKept(files, view, numbersNow);
  }

  /** The Files tab shows layer 1 again ("Show" and the tree) with /data/numbers.txt of the reloaded tree selected. */
  private void assertKept(ImageFilesViewModel files, ImageFilesController view, FileNode old) {
    TreeTableView<FileNode> tree = view.tree();
    waitUntil("path selected again", () -> fx(() -> tree.getSelectionModel().getSelectedItem() != null
        && tree.getSelectionModel().getSelectedItem().getValue().displayPath().equals("/data/numbers.txt")));
    assertThat(fx(() -> ctx.main().registry().imageTabs().getSelectionModel().getSelectedIndex())).isEqualTo(1);
    assertThat(fx(() -> view.viewBox().getSelectionModel().getSelectedIndex())).as("the Show choice").isEqualTo(2);
    assertThat(fx(() -> view.viewBox().getSelectionModel().getSelectedItem())).startsWith("Layer 1 ");
    assertThat(fx(() -> files.shownViewProperty().get())).isEqualTo(2);
    assertThat(fx(() -> files.summaryProperty().get())).endsWith(" 1 of 1 layers");
    assertThat(fx(() -> tree.getSelectionModel().getSelectedItem().getValue()))
        .as("a node of the reloaded tree").isNotSameAs(old);
  }
}
