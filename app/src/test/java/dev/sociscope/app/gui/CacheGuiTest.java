package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File > Clear cache names the cache's size when the menu opens, and empties the cache the CLI shares. */
@ExtendWith(ApplicationExtension.class)
class CacheGuiTest {
  private AppContext ctx;
  private Path configDir;

  @Start
  void start(Stage stage) throws Exception {
    configDir = Files.createTempDirectory("sociscope-cache-gui");
    ctx = GuiTestSupport.start(stage, configDir);
  }

  @Test
  void fileMenuShowsTheSizeAndClearsTheCache(FxRobot robot) throws Exception {
    Path cacheDir = ctx.cache().dir();
    assertThat(cacheDir).startsWithRaw(configDir); // the throw-away folder, not the user's cache
    byte[] ztoc = new byte[300 * 1024];
    new ZtocCache(cacheDir).put(Digest.of("layer".getBytes(StandardCharsets.UTF_8)), 65536, "t", Digest.of(ztoc),
        ztoc);

    robot.clickOn(robot.lookup(n -> n instanceof MenuBar).queryAs(MenuBar.class).getMenus().get(0).getText());
    waitUntil("size measured", () -> ctx.cache().usageProperty().get() != null);
    MenuItem clear = fx(() -> findItem("Clear cache"));
    assertThat(fx(clear::getText)).isEqualTo("Clear cache (300 KiB)\u2026");
    fxRun(() -> robot.lookup(n -> n instanceof MenuBar).queryAs(MenuBar.class).getMenus().get(0).hide());

    fxRun(clear::fire);
    waitUntil("cleared", () -> ctx.cache().resultProperty().get().startsWith("Cache cleared"));
    assertThat(fx(() -> ctx.cache().resultProperty().get())).contains("300 KiB freed");
    assertThat(new ZtocCache(cacheDir).find(Digest.of("layer".getBytes(StandardCharsets.UTF_8)), 65536, "t"))
        .isEmpty();
    assertThat(fx(clear::getText)).startsWith("Clear cache (").doesNotContain("300 KiB");
  }

  private MenuItem findItem(String prefix) {
    for (Menu m : ((MenuBar) ctx.scene().lookup(".menu-bar")).getMenus()) {
      for (MenuItem i : m.getItems()) {
        if (i.getText() != null && i.getText().startsWith(prefix)) {
          return i;
        }
      }
    }
    throw new AssertionError("no menu item " + prefix);
  }
}
