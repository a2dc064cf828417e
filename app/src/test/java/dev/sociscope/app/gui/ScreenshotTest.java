package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.FxDialogService;
import dev.sociscope.app.common.Theme;
import dev.sociscope.app.preview.PreviewViewModel;
import dev.sociscope.app.ztoc.FileNode;
import dev.sociscope.core.testing.Vectors;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Renders the main views at 1280x800 into the repository's screenshots/ folder (README figures, and a look before
 * merging). Each PNG is checked to be a real rendering: the right size and many distinct colours.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    ctx = GuiTestSupport.start(stage, Files.createTempDirectory("sociscope-shots"));
  }

  @Test
  void rendersEachMainView(FxRobot robot) throws Exception {
    shot(ctx.scene(), "welcome");

    fxRun(() -> ctx.opener().open(Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc"),
        Optional.of(Vectors.path("layers/pax.tar.gz"))));
    waitUntil("document", () -> ctx.workspace().document() != null);
    TreeTableView<FileNode> tree = ctx.main().fileTree().tree();
    select(tree, "big", "compressible.txt");
    robot.moveTo(fx(() -> ctx.main().spanMap().spanMap().localToScreen(ctx.main().spanMap().spanMap().centreOf(55))));
    waitUntil("hover", () -> ctx.main().spanMap().spanMap().hoveredProperty().get() == 55);
    shot(ctx.scene(), "ztoc-tree-spans");

    fxRun(() -> ctx.main().sideTabs().getSelectionModel().select(1));
    waitUntil("text", () -> ctx.previewViewModel().stateProperty().get() == PreviewViewModel.State.TEXT);
    shot(ctx.scene(), "preview-text");

    select(tree, "big", "random.bin");
    waitUntil("hex", () -> ctx.previewViewModel().stateProperty().get() == PreviewViewModel.State.HEX);
    shot(ctx.scene(), "preview-hex");

    fxRun(() -> ctx.main().sideTabs().getSelectionModel().select(0));
    select(tree, "xattr", "binary-xattr");
    fxRun(() -> ctx.main().fileTree().tree().getRoot().getChildren().forEach(i -> i.setExpanded(false)));
    select(tree, "xattr", "binary-xattr");
    shot(ctx.scene(), "details-pax-xattrs");

    fxRun(() -> {
      ctx.treeViewModel().filterTextProperty().set("*.txt");
      ctx.treeViewModel().applyFilter();
    });
    waitUntil("filter", () -> ctx.treeViewModel().filterResultProperty().get() != null);
    fxRun(() -> ctx.mainViewModel().themeProperty().set(Theme.DARK));
    fxRun(() -> ctx.main().activityToggle().setSelected(true));
    shot(ctx.scene(), "dark-filter-activity");
    fxRun(() -> {
      ctx.main().activityToggle().setSelected(false);
      ctx.mainViewModel().themeProperty().set(Theme.LIGHT);
      ctx.treeViewModel().clearFilter();
    });

    Path corrupt = Files.createTempDirectory("shots").resolve("corrupt.ztoc");
    Files.write(corrupt, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    fxRun(() -> ctx.opener().open(corrupt, Optional.empty()));
    waitUntil("error dialog", () -> errorWindow() != null);
    Window dialog = errorWindow();
    shot(dialog.getScene(), "error-dialog");
    fxRun(dialog::hide);

    // The connection dialog blocks in showAndWait, so it is opened with runLater and closed by its Cancel button.
    javafx.application.Platform.runLater(() -> ctx.registryViewModel().addRegistry());
    waitUntil("connect dialog", () -> windowWith("#urlField") != null);
    Window connect = windowWith("#urlField");
    fxRun(() -> {
      ((javafx.scene.control.TextField) connect.getScene().lookup("#urlField")).setText("http://127.0.0.1:5000");
      ((javafx.scene.control.CheckBox) connect.getScene().lookup("#plainHttpBox")).setSelected(true);
      ((javafx.scene.control.RadioButton) connect.getScene().lookup("#passwordRadio")).setSelected(true);
      ((javafx.scene.control.TextField) connect.getScene().lookup("#usernameField")).setText("alice");
    });
    shot(connect.getScene(), "connect-dialog");
    fxRun(() -> ((javafx.scene.control.DialogPane) connect.getScene().getRoot())
        .lookupButton(javafx.scene.control.ButtonType.CANCEL).fireEvent(new javafx.event.ActionEvent()));
    waitUntil("connect dialog closed", () -> windowWith("#urlField") == null);
  }

  private static Window windowWith(String selector) {
    for (Window w : Window.getWindows()) {
      if (w.isShowing() && w.getScene() != null && w.getScene().lookup(selector) != null) {
        return w;
      }
    }
    return null;
  }

  private static Window errorWindow() {
    for (Window w : Window.getWindows()) {
      if (w.isShowing() && w.getScene() != null && w.getScene().lookup("#" + FxDialogService.ERROR_SUMMARY_ID) != null) {
        return w;
      }
    }
    return null;
  }

  private void select(TreeTableView<FileNode> tree, String dir, String name) {
    fxRun(() -> {
      TreeItem<FileNode> d = ZtocViewsGuiTest.child(tree.getRoot(), dir);
      d.setExpanded(true);
      TreeItem<FileNode> f = ZtocViewsGuiTest.child(d, name);
      tree.getSelectionModel().clearAndSelect(tree.getRow(f));
      tree.scrollTo(Math.max(0, tree.getRow(d) - 2));
    });
    waitUntil("selected " + name, () -> ctx.workspace().focusedProperty().get() != null
        && ctx.workspace().focusedProperty().get().name().equals(name));
  }

  private static void shot(Scene scene, String name) throws Exception {
    Path file = GuiTestSupport.screenshot(scene, name);
    BufferedImage img = ImageIO.read(file.toFile());
    if (!name.endsWith("-dialog")) {
      assertThat(img.getWidth()).isEqualTo(GuiTestSupport.WIDTH);
      assertThat(img.getHeight()).isBetween(GuiTestSupport.HEIGHT - 60, GuiTestSupport.HEIGHT);
    }
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in " + name).isGreaterThan(20);
  }
}
