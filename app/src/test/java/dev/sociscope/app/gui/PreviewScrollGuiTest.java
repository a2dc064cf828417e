package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.preview.PreviewViewModel;
import dev.sociscope.app.preview.WindowedPreview;
import dev.sociscope.app.service.ContentWindow;
import dev.sociscope.app.testing.LayerFiles;
import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.core.testing.Vectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ListView;
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
 * The zTOC view's preview of a large file (big/random.bin of the golden pax layer: 3 MiB in 48 spans of 64 KiB)
 * shows its first 64 KiB, fetched from the spans of that window only, and reads more when the user scrolls to the
 * end of the hex view; every line shown holds the file's bytes at its offset.
 */
@ExtendWith(ApplicationExtension.class)
class PreviewScrollGuiTest {
  private static final Path ZTOC = Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc");
  private static final Path LAYER = Vectors.path("layers/pax.tar.gz");
  private static final String FILE = "big/random.bin";
  private static final int FIRST_LINES = WindowedPreview.FIRST_WINDOW / 16;

  private AppContext ctx;

  @Start
  void start(Stage stage) {
    ctx = GuiTestSupport.start(stage, GuiTestSupport.tempDirectory("sociscope-preview-scroll"));
    stage.setWidth(1280);
    stage.setHeight(800);
  }

  @Test
  void scrollingToTheEndReadsTheNextWindowAndShowsTheFilesBytes(FxRobot robot) throws Exception {
    byte[] file = LayerFiles.read(LAYER, FILE, Integer.MAX_VALUE);
    waitUntil("window shown", () -> ctx.stage().isShowing());
    fxRun(() -> ctx.opener().open(ZTOC, Optional.of(LAYER)));
    waitUntil("document", () -> ctx.workspace().document() != null);
    PreviewViewModel preview = ctx.previewViewModel();
    fxRun(() -> ctx.main().sideTabs().getSelectionModel().select(1));
    TreeTableView<FileNode> tree = ctx.main().fileTree().tree();
    fxRun(() -> {
      TreeItem<FileNode> big = ZtocViewsGuiTest.child(tree.getRoot(), "big");
      big.setExpanded(true);
      tree.getSelectionModel().clearAndSelect(tree.getRow(ZtocViewsGuiTest.child(big, "random.bin")));
    });
    waitUntil("hex preview", () -> preview.stateProperty().get() == PreviewViewModel.State.HEX
        && preview.lastWindowProperty().get() != null);

    // The first window: 64 KiB, fetched from its own spans, far less than the file's 48 spans.
    assertThat(fx(() -> preview.lines().size())).isEqualTo(FIRST_LINES);
    assertLinesAreTheFile(preview, file, 0);
    ContentWindow first = fx(() -> preview.lastWindowProperty().get());
    assertThat(first.from()).isZero();
    ZtocDocument doc = ctx.workspace().document();
    FileNode node = doc.tree().find(FILE).orElseThrow();
    long wholeFile = SpanRange.headerBytes(doc.zinfo()) + SpanRange.of(doc.zinfo(),
        node.entry().uncompressedOffset(), file.length).fetchedBytes(doc.zinfo());
    assertThat(first.bytesFetched()).isPositive().isLessThan(wholeFile / 10);
    assertThat(fx(() -> preview.infoProperty().get())).endsWith(shown(WindowedPreview.FIRST_WINDOW, file));
    assertThat(fx(() -> preview.fetchedProperty().get())).startsWith("Fetched ");

    // The user scrolls to the end (End in the list): the next 256 KiB arrive, read from where the first ended.
    ListView<String> list = robot.lookup(".preview-lines").match(n -> n instanceof ListView<?> l
        && l.getItems() == preview.lines()).queryAs(ListView.class);
    robot.clickOn(list);
    robot.press(KeyCode.END).release(KeyCode.END);
    int afterSecond = (WindowedPreview.FIRST_WINDOW + WindowedPreview.NEXT_WINDOW) / 16;
    waitUntil("second window shown", () -> fx(() -> preview.lines().size()) == afterSecond);
    assertThat(fx(() -> preview.lastWindowProperty().get().from())).isEqualTo(WindowedPreview.FIRST_WINDOW);
    assertThat(fx(() -> preview.lines().get(FIRST_LINES)))
        .startsWith(String.format("%08x  ", WindowedPreview.FIRST_WINDOW));
    assertLinesAreTheFile(preview, file, FIRST_LINES);
    assertThat(fx(() -> preview.infoProperty().get())).endsWith(shown(WindowedPreview.FIRST_WINDOW + WindowedPreview.NEXT_WINDOW, file));

    // And again: the third window starts where the second ended.
    robot.press(KeyCode.END).release(KeyCode.END);
    waitUntil("third window", () -> fx(() -> preview.lines().size()) > afterSecond);
    assertThat(fx(() -> preview.lastWindowProperty().get().from()))
        .isEqualTo(WindowedPreview.FIRST_WINDOW + WindowedPreview.NEXT_WINDOW);
    waitUntil("third window shown",
        () -> fx(() -> preview.lines().size()) == afterSecond + WindowedPreview.NEXT_WINDOW / 16);
    assertLinesAreTheFile(preview, file, afterSecond);
  }

  private static String shown(long bytes, byte[] file) {
    return "showing the first " + ByteSize.human(bytes) + " of " + ByteSize.human(file.length);
  }

  /** Every hex line from {@code fromLine} on shows the file's bytes at the offset it names. */
  private static void assertLinesAreTheFile(PreviewViewModel preview, byte[] file, int fromLine) {
    List<String> lines = fx(() -> List.copyOf(preview.lines()));
    assertThat(lines.size()).isGreaterThan(fromLine);
    for (int i = fromLine; i < lines.size(); i++) {
      String line = lines.get(i);
      int offset = Integer.parseInt(line.substring(0, 8), 16);
      assertThat(offset).as("offset of line %d", i).isEqualTo(i * 16);
      String[] hex = line.substring(10, line.indexOf(" |")).trim().split("\\s+");
      byte[] shown = new byte[hex.length];
      for (int b = 0; b < hex.length; b++) {
        shown[b] = (byte) Integer.parseInt(hex[b], 16);
      }
      assertThat(shown).as("line %d", i)
          .isEqualTo(java.util.Arrays.copyOfRange(file, offset, Math.min(file.length, offset + 16)));
    }
  }
}
