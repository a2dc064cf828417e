package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.testing.SyntheticZtoc;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.nio.file.Files;
import java.util.Optional;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A 101,000-entry layer stays smooth: showing, expanding, scrolling, selecting and filtering. */
@ExtendWith(ApplicationExtension.class)
class LargeTreeGuiTest {
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    ctx = GuiTestSupport.start(stage, GuiTestSupport.tempDirectory("sociscope-large"));
  }

  @Test
  void hundredThousandEntries(FxRobot robot) throws Exception {
    Ztoc ztoc = SyntheticZtoc.wide(100_000, 1 << 20);
    // Built off the FX thread, as the open task does.
    ZtocDocument doc = ZtocDocument.of("synthetic 100k", Optional.empty(), Optional.empty(), ztoc, Zinfo.of(ztoc),
        () -> false);
    // Warm the window's table cells once (see ZtocViewsGuiTest).
    fxRun(() -> ctx.opener().openDemo());
    waitUntil("warm-up", () -> ctx.workspace().document() != null);
    WaitForAsyncUtils.waitForFxEvents();

    try (PulseWatchdog watchdog = new PulseWatchdog()) {
      watchdog.phase("show");
      fxRun(() -> ctx.workspace().documentProperty().set(doc));
      TreeTableView<FileNode> tree = ctx.main().fileTree().tree();
      waitUntil("root", () -> tree.getRoot() != null && tree.getRoot().getValue() == doc.tree().root());

      watchdog.phase("expand");
      TreeItem<FileNode> usr = fx(() -> tree.getRoot().getChildren().get(0));
      assertThat(usr.getValue().name()).isEqualTo("usr");
      fxRun(() -> usr.setExpanded(true));
      for (int d = 0; d < 100; d += 9) {
        int i = d;
        fxRun(() -> usr.getChildren().get(i).setExpanded(true));
        fxRun(() -> usr.getChildren().get(i).getChildren().get(0).setExpanded(true));
      }
      WaitForAsyncUtils.waitForFxEvents();

      watchdog.phase("scroll");
      robot.clickOn(tree);
      for (int i = 0; i < 6; i++) {
        robot.press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
      }
      robot.press(KeyCode.END).release(KeyCode.END);
      robot.press(KeyCode.HOME).release(KeyCode.HOME);
      WaitForAsyncUtils.waitForFxEvents();

      watchdog.phase("select all visible");
      fxRun(() -> tree.getSelectionModel().selectAll());
      waitUntil("spans highlighted", () -> !ctx.workspace().selection().isEmpty());

      watchdog.phase("filter");
      fxRun(() -> {
        ctx.treeViewModel().filterTextProperty().set("file-4242*");
        ctx.treeViewModel().applyFilter();
      });
      waitUntil("filtered", () -> ctx.treeViewModel().filterResultProperty().get() != null);
      // file-4242.txt and file-42420..42429.txt
      assertThat(fx(() -> ctx.treeViewModel().filterSummaryProperty().get())).isEqualTo("11 matches");
      waitUntil("match shown", () -> ctx.main().fileTree().tree().getExpandedItemCount() > 3);

      watchdog.phase("clear filter");
      fxRun(() -> {
        ctx.treeViewModel().clearFilter();
        ctx.treeViewModel().applyFilter();
      });
      waitUntil("unfiltered", () -> ctx.treeViewModel().filterResultProperty().get() == null);
      WaitForAsyncUtils.waitForFxEvents();

      System.out.println("FX thread watchdog (100k): worst cpu " + watchdog.worstCpuMillis() 
          + " ms, worst busy " + watchdog.worstBusyMillis() + " ms, worst wall "
          + watchdog.worstWallMillis() + " ms; " + watchdog.describe());
      assertThat(watchdog.worstCpuMillis()).as(watchdog.describe()).isLessThan(100);
      // Waits and blocking I/O on the FX thread, which CPU time misses; GC pauses and other processes excluded.
      assertThat(watchdog.worstBusyMillis()).as(watchdog.describe()).isLessThan(100);
    }
  }
}
