package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.Vectors;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Renders the main views at 1280x800 into screenshots/ for the README and for a look before merging. */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {
  @TempDir static Path config;
  private AppContext ctx;

  @Start
  void start(Stage stage) {
    ctx = GuiTestSupport.start(stage, config.resolve("s" + System.nanoTime()));
  }

  @Test
  void rendersEachMainView() {
    Path welcome = GuiTestSupport.screenshot(ctx.scene(), "welcome");
    assertThat(welcome).exists();

    Path ztoc = Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc");
    fxRun(() -> ctx.opener().open(ztoc, Optional.of(Vectors.path("layers/pax.tar.gz"))));
    waitUntil("document", () -> ctx.workspace().document() != null);
    GuiTestSupport.screenshot(ctx.scene(), "ztoc-tree");
  }
}
