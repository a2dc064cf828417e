package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.profile.ProfileViewModel;
import dev.sociscope.app.settings.SettingsStore;
import dev.sociscope.core.profile.StartupProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Profile tab: the demo image's start that reads one file, full pull against lazy, per layer and on a link. */
@ExtendWith(ApplicationExtension.class)
class ProfileGuiTest {
  private AppContext ctx;
  private Path configDir;

  @Start
  void start(Stage stage) throws Exception {
    configDir = GuiTestSupport.tempDirectory("sociscope-profile-gui");
    ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(true);
  }

  @Test
  void profilingTheDemoStartShowsWhatEachLayerCostsAndExportsThePaths(FxRobot robot) throws Exception {
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    ProfileViewModel profile = ctx.registryViewModel().profile();
    try (PulseWatchdog watchdog = new PulseWatchdog()) {
      watchdog.phase("profile");
      fxRun(() -> {
        ctx.main().registry().imageTabs().getSelectionModel().select(2);
        profile.pathsProperty().set("/data/numbers.txt\n/etc/motd\n");
      });
      robot.clickOn("#runButton");
      waitUntil("profile", () -> profile.profileProperty().get() != null);
      StartupProfile p = fx(() -> profile.profileProperty().get());
      assertThat(fx(() -> profile.rows().size())).isEqualTo(3);
      ProfileViewModel.Row data = fx(() -> profile.rows().get(1));
      assertThat(data.indexed()).isTrue();
      assertThat(data.files()).isEqualTo(1);
      assertThat(data.spans()).isEqualTo("11-13");
      assertThat(data.lazyBytes()).isEqualTo(p.layers().get(1).lazyBytes()).isLessThan(data.fullBytes() / 5);
      assertThat(fx(() -> profile.summaryProperty().get())).startsWith("Full pull 12.5 MiB; lazy start ");
      assertThat(fx(() -> profile.timingProperty().get())).startsWith("Download time on this link: full pull ");
      fxRun(() -> profile.bandwidthProperty().set("nonsense"));
      assertThat(fx(() -> profile.timingProperty().get())).contains("'nonsense' is not a bandwidth");
      fxRun(() -> profile.bandwidthProperty().set("1Gbit"));
      assertThat(watchdog.worstCpuMillis()).as(watchdog.describe()).isLessThan(100);
    }
    Path exported = configDir.resolve("paths.json");
    profile.exportPaths(exported);
    assertThat(Files.readString(exported)).isEqualTo("[\"/data/numbers.txt\",\"/etc/motd\"]");
  }
}
