package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.service.ImageDetails;
import dev.sociscope.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A first start (empty config folder) generates the demo image and shows it in the image view. */
@ExtendWith(ApplicationExtension.class)
class DemoImageGuiTest {
  private AppContext ctx;
  private PulseWatchdog watchdog;
  private Path configDir;

  @Start
  void start(Stage stage) throws Exception {
    configDir = Files.createTempDirectory("sociscope-demo-gui");
    watchdog = new PulseWatchdog();
    watchdog.phase("first start");
    ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(true);
  }

  @Test
  void firstStartShowsTheDemoImageWithItsSociIndex() {
    try (PulseWatchdog w = watchdog) {
      waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
      assertThat(fx(() -> ctx.mainViewModel().modeProperty().get())).isEqualTo(MainViewModel.Mode.REGISTRY);
      ImageDetails image = fx(() -> ctx.registryViewModel().imageProperty().get());
      assertThat(image.reference()).isEqualTo("demo:demo");
      assertThat(image.layers()).hasSize(3);
      assertThat(image.layers().get(1).sociStatus()).isEqualTo("indexed (1.0 MiB spans)");
      assertThat(image.layers().get(0).indexed()).isFalse();
      assertThat(image.sociIndexes()).singleElement().satisfies(i -> assertThat(i.version()).isEqualTo("v1"));
      assertThat(Files.isRegularFile(configDir.resolve("demo").resolve("index.json"))).isTrue();
      System.out.println("FX thread watchdog (demo): " + watchdog.describe());
      assertThat(watchdog.worstCpuMillis()).as(watchdog.describe()).isLessThan(100);
    }
  }
}
