package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.app.common.FxDialogService;
import dev.sociscope.app.preview.PreviewViewModel;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.testing.LayerFiles;
import dev.sociscope.app.ztoc.SpanMap;
import dev.sociscope.core.testing.Vectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.Optional;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Drives the real main window over the golden vectors, watching that the FX thread never blocks. */
@ExtendWith(ApplicationExtension.class)
class ZtocViewsGuiTest {
  private static final Path PAX_ZTOC = Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc");
  private static final Path PAX_LAYER = Vectors.path("layers/pax.tar.gz");

  @TempDir Path temp;
  private AppContext ctx;
  private PulseWatchdog watchdog;

  @Start
  void start(Stage stage) throws Exception {
    ctx = GuiTestSupport.start(stage, GuiTestSupport.tempDirectory("sociscope-gui"));
  }

  /**
   * The first time a window fills its tables, JavaFX creates every row and cell skin and styles them: about
   * 150-200 ms of FX-thread CPU on this machine, once per window (sampled: VirtualFlow cell creation and CSS).
   * Each window is warmed up with the demo once, so the watchdog measures what the app itself does.
   */
  @BeforeEach
  void warmUpThenWatch() {
    waitUntil("window shown", () -> ctx.stage().isShowing());
    fxRun(() -> ctx.opener().openDemo());
    waitUntil("warm-up document", () -> ctx.workspace().document() != null);
    fxRun(() -> {
      ctx.main().fileTree().tree().getSelectionModel().select(1);
      ctx.main().sideTabs().getSelectionModel().select(1);
      ctx.main().sideTabs().getSelectionModel().select(0);
    });
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    fxRun(() -> ctx.opener().close());
    waitUntil("closed", () -> ctx.workspace().document() == null);
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    watchdog = new PulseWatchdog();
  }

  @AfterEach
  void stopWatching() {
    watchdog.close();
  }

  private void assertFxThreadNeverBlocked() {
    String report = watchdog.describe();
    System.out.println("FX thread watchdog: worst cpu " + watchdog.worstCpuMillis() 
          + " ms, worst busy " + watchdog.worstBusyMillis() + " ms, worst wall "
        + watchdog.worstWallMillis() + " ms over " + watchdog.pings() + " pings; " + report);
    assertThat(watchdog.pings()).as("watchdog pings").isPositive();
    assertThat(watchdog.worstCpuMillis()).as("FX thread busy between two pings (%s)", report).isLessThan(100);
    // Waits and blocking I/O on the FX thread, which CPU time misses; GC pauses and other processes excluded.
    assertThat(watchdog.worstBusyMillis()).as("FX thread ping latency (%s)", report).isLessThan(100);
  }

  @Test
  void openTreeSelectHighlightPreviewAndSave(FxRobot robot) throws Exception {
    watchdog.phase("open");
    fxRun(() -> ctx.opener().open(PAX_ZTOC, Optional.of(PAX_LAYER)));
    waitUntil("document", () -> ctx.workspace().document() != null);

    watchdog.phase("sort");
    TreeTableView<FileNode> sortable = ctx.main().fileTree().tree();
    fxRun(() -> {
      var size = sortable.getColumns().get(1);
      size.setSortType(javafx.scene.control.TreeTableColumn.SortType.ASCENDING);
      sortable.getSortOrder().setAll(java.util.List.of(size));
    });
    // Smallest first (dev, links and whiteout hold 0 bytes), the 6 MiB folder last.
    assertThat(fx(() -> sortable.getRoot().getChildren().get(0).getValue().name())).isEqualTo("dev");
    assertThat(fx(() -> sortable.getRoot().getChildren().get(sortable.getRoot().getChildren().size() - 1)
        .getValue().name())).isEqualTo("big");
    fxRun(() -> sortable.getSortOrder().clear());
    // Back to folders first, then by name.
    assertThat(fx(() -> sortable.getRoot().getChildren().get(0).getValue().name())).isEqualTo("big");

    watchdog.phase("expand");
    TreeTableView<FileNode> tree = ctx.main().fileTree().tree();
    TreeItem<FileNode> big = fx(() -> child(tree.getRoot(), "big"));
    assertThat(big).isNotNull();
    fxRun(() -> big.setExpanded(true));
    TreeItem<FileNode> compressible = fx(() -> child(big, "compressible.txt"));
    assertThat(compressible).isNotNull();

    watchdog.phase("select");
    robot.clickOn(cellWithText(robot, "compressible.txt"));
    waitUntil("selection", () -> ctx.workspace().focusedProperty().get() != null
        && ctx.workspace().focusedProperty().get().name().equals("compressible.txt"));

    // The vectors say big/compressible.txt needs spans 47..66 at 64 KiB.
    SpanMap map = ctx.main().spanMap().spanMap();
    BitSet expected = new BitSet();
    expected.set(47, 67);
    waitUntil("highlight", () -> map.highlightedProperty().get().equals(expected));
    Label selection = robot.lookup(".selection-summary").queryAs(Label.class);
    assertThat(fx(selection::getText)).startsWith("20 spans, ").endsWith(" of 3.6 MiB layer");

    watchdog.phase("copy path");
    robot.clickOn(cellWithText(robot, "compressible.txt"));
    robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
    assertThat(fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()))
        .isEqualTo("/big/compressible.txt");

    watchdog.phase("hover");
    Point2D centre = fx(() -> map.localToScreen(map.centreOf(50)));
    robot.moveTo(centre);
    waitUntil("hovered span", () -> map.hoveredProperty().get() == 50);
    assertThat(fx(() -> map.tooltip().getText())).contains("Span 50").contains("/big/compressible.txt");

    watchdog.phase("preview");
    fxRun(() -> ctx.main().sideTabs().getSelectionModel().select(1));
    waitUntil("text preview", () -> ctx.previewViewModel().stateProperty().get() == PreviewViewModel.State.TEXT);
    String expectedStart = new String(LayerFiles.read(PAX_LAYER, "big/compressible.txt", 200), java.nio.charset.StandardCharsets.UTF_8);
    String firstLine = fx(() -> ctx.previewViewModel().lines().get(0));
    assertThat(expectedStart).startsWith(firstLine);
    assertThat(robot.lookup("#fetched").queryAs(Label.class).getText()).startsWith("Fetched ");

    watchdog.phase("save");
    Path target = temp.resolve("compressible.txt");
    FileNode node = compressible.getValue();
    fxRun(() -> ctx.previewViewModel().save(ctx.workspace().document(), node, target));
    waitUntil("saved", () -> ctx.previewViewModel().infoProperty().get().startsWith("Saved to"));
    assertThat(sha256(Files.readAllBytes(target))).isEqualTo(vectorSha("big/compressible.txt"));
    try (var leftovers = Files.list(temp)) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("compressible.txt");

    }

    watchdog.phase("save selection");
    Path folder = temp.resolve("selection");
    fxRun(() -> ctx.treeViewModel().saveSelection(folder));
    waitUntil("selection saved", () -> ctx.treeViewModel().lastSaveSummaryProperty().get() != null);
    assertThat(sha256(Files.readAllBytes(folder.resolve("big/compressible.txt"))))
        .isEqualTo(vectorSha("big/compressible.txt"));

    watchdog.phase("filter");
    robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
    TextField filter = robot.lookup("#filterField").queryAs(TextField.class);
    waitUntil("filter focused", filter::isFocused);
    robot.write("*.txt").press(KeyCode.ENTER).release(KeyCode.ENTER);
    waitUntil("filtered", () -> ctx.treeViewModel().filterResultProperty().get() != null);
    assertThat(ctx.treeViewModel().filterSummaryProperty().get()).isEqualTo(fx(() -> countTxt() + " matches"));

    assertFxThreadNeverBlocked();
  }

  @Test
  void droppedZtocOpensWithTheDroppedLayerAndALoneLayerAttaches() {
    Path plainZtoc = Vectors.path("ztoc/plain.tar.span-64KiB.ztoc");
    assertThat(fx(() -> ctx.mainViewModel().drop(java.util.List.of(Vectors.path("layers/pax.tar.gz"), plainZtoc))))
        .isTrue();
    waitUntil("dropped zTOC", () -> ctx.workspace().document() != null);
    assertThat(fx(() -> ctx.workspace().document().title())).isEqualTo("plain.tar.span-64KiB.ztoc");
    assertThat(fx(() -> ctx.workspace().document().layer().orElseThrow().shortName())).isEqualTo("pax.tar.gz");
    assertThat(fx(() -> ctx.mainViewModel().drop(java.util.List.of(Vectors.path("layers/plain.tar"))))).isTrue();
    assertThat(fx(() -> ctx.workspace().document().layer().orElseThrow().shortName())).isEqualTo("plain.tar");
    assertThat(fx(() -> ctx.settings().get().recentZtocs())).contains(plainZtoc.toAbsolutePath().toString());
    assertFxThreadNeverBlocked();
  }

  @Test
  void corruptZtocShowsAnErrorDialog(FxRobot robot) throws Exception {
    Path corrupt = temp.resolve("corrupt.ztoc");
    byte[] good = Files.readAllBytes(Vectors.path("ztoc/plain.tar.span-64KiB.ztoc"));
    Files.write(corrupt, java.util.Arrays.copyOf(good, 40));
    fxRun(() -> ctx.opener().open(corrupt, Optional.empty()));
    waitUntil("error dialog", () -> errorSummary() != null);
    String text = fx(() -> errorSummary().getText());
    assertThat(text).startsWith("Damaged or invalid data: ");
    assertThat(ctx.workspace().document()).isNull();
    assertThat(fx(() -> ctx.activity().entries().get(ctx.activity().entries().size() - 1).problemProperty().get()))
        .isEqualTo(text);
    fxRun(() -> errorSummary().getScene().getWindow().hide());
    assertFxThreadNeverBlocked();
  }

  @Test
  void demoOpensFromTheSidebarAndPreviewsAFile(FxRobot robot) {
    robot.clickOn(cellWithText(robot, "Demo layer"));
    waitUntil("demo", () -> ctx.workspace().document() != null);
    TreeTableView<FileNode> tree = ctx.main().fileTree().tree();
    TreeItem<FileNode> sub = fx(() -> child(tree.getRoot(), "sub"));
    fxRun(() -> sub.setExpanded(true));
    robot.clickOn(cellWithText(robot, "text.txt"));
    waitUntil("focus", () -> ctx.workspace().focusedProperty().get() != null);
    assertThat(fx(() -> ctx.workspace().focusedProperty().get().displayPath())).isEqualTo("/sub/text.txt");
    fxRun(() -> ctx.main().sideTabs().getSelectionModel().select(1));
    waitUntil("preview", () -> ctx.previewViewModel().stateProperty().get() != PreviewViewModel.State.LOADING
        && ctx.previewViewModel().stateProperty().get() != PreviewViewModel.State.EMPTY);
    assertThat(fx(() -> ctx.previewViewModel().stateProperty().get() + " " + ctx.previewViewModel().messageProperty().get()))
        .isEqualTo("TEXT ");
    assertThat(fx(() -> ctx.previewViewModel().lines().size())).isGreaterThan(1);
    assertFxThreadNeverBlocked();
  }

  private long countTxt() {
    return ctx.workspace().document().tree().nodes().stream().filter(n -> n.name().toLowerCase().endsWith(".txt"))
        .count();
  }

  private static Label errorSummary() {
    for (Window w : Window.getWindows()) {
      if (w.getScene() != null) {
        Node n = w.getScene().lookup("#" + FxDialogService.ERROR_SUMMARY_ID);
        if (n instanceof Label && n.isVisible()) {
          return (Label) n;
        }
      }
    }
    return null;
  }

  static Node cellWithText(FxRobot robot, String text) {
    waitUntil("cell " + text, () -> robot.lookup(n -> n instanceof javafx.scene.control.IndexedCell
        && n.isVisible() && containsText(n, text)).tryQuery().isPresent());
    return robot.lookup(n -> n instanceof javafx.scene.control.IndexedCell && n.isVisible()
        && containsText(n, text)).query();
  }

  private static boolean containsText(Node n, String text) {
    if (n instanceof javafx.scene.control.Labeled && text.equals(((javafx.scene.control.Labeled) n).getText())) {
      return true;
    }
    if (n instanceof javafx.scene.Parent) {
      for (Node c : ((javafx.scene.Parent) n).getChildrenUnmodifiable()) {
        if (containsText(c, text)) {
          return true;
        }
      }
    }
    return false;
  }

  static TreeItem<FileNode> child(TreeItem<FileNode> parent, String name) {
    for (TreeItem<FileNode> c : parent.getChildren()) {
      if (c.getValue().name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static String vectorSha(String name) {
    for (JsonNode layer : Vectors.manifest().get("layers")) {
      if (layer.get("name").asText().equals("pax.tar.gz")) {
        for (JsonNode e : layer.get("entries")) {
          if (e.get("name").asText().equals(name)) {
            return e.get("sha256").asText();
          }
        }
      }
    }
    throw new AssertionError(name);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
