package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.health.HealthViewModel;
import dev.sociscope.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Health tab runs core's check on the demo image and shows the same findings as {@code sociscope check}. */
@ExtendWith(ApplicationExtension.class)
class HealthGuiTest {
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    Path configDir = GuiTestSupport.tempDirectory("sociscope-health-gui");
    ctx = new AppContext(stage, new SettingsStore(configDir), SociscopeApp.defaultServices(configDir));
    stage.setWidth(GuiTestSupport.WIDTH);
    stage.setHeight(GuiTestSupport.HEIGHT);
    ctx.show(true);
  }

  @Test
  void theDemoImageHasOnlyAV1IndexAndTheCheckSaysSoWithItsFix(FxRobot robot) throws Exception {
    waitUntil("demo image", () -> ctx.registryViewModel().imageProperty().get() != null);
    HealthViewModel health = ctx.registryViewModel().health();
    // The tab's first show (skins, CSS) is made before the watchdog starts, as the registry view's is elsewhere;
    // the watchdog then covers the check itself: the click, the background run and filling the table.
    fxRun(() -> ctx.main().registry().imageTabs().getSelectionModel().select(3));
    assertThat(fx(() -> health.rows().isEmpty())).isTrue();
    try (PulseWatchdog watchdog = new PulseWatchdog()) {
      watchdog.phase("check");
      robot.clickOn("#checkButton");
      waitUntil("findings", () -> !health.runningProperty().get() && !health.rows().isEmpty());
      assertThat(fx(() -> health.rows().stream().map(HealthViewModel.Row::id).toList()))
          .contains("v1-only", "layer-not-indexed").doesNotContain("spot-check-failed", "no-index");
      HealthViewModel.Row v1 = fx(() -> health.rows().stream().filter(r -> r.id().equals("v1-only")).findFirst()
          .orElseThrow());
      assertThat(v1.severity()).isEqualTo("warning");
      assertThat(v1.fix()).startsWith("sociscope convert ");
      assertThat(fx(() -> health.summaryProperty().get())).startsWith("0 error(s), 1 warning(s)");
      assertThat(watchdog.worstCpuMillis()).as(watchdog.describe()).isLessThan(100);
    }
    // A new image clears the findings: they belonged to the old one.
    fxRun(() -> ctx.registryViewModel().selectTag("demo-soci"));
    waitUntil("converted image", () -> ctx.registryViewModel().imageProperty().get() != null
        && ctx.registryViewModel().imageProperty().get().reference().endsWith("demo-soci"));
    assertThat(fx(() -> health.rows().isEmpty())).isTrue();
    robot.clickOn("#checkButton");
    waitUntil("findings", () -> !health.runningProperty().get() && !health.rows().isEmpty());
    assertThat(fx(() -> health.rows().stream().map(HealthViewModel.Row::id).toList())).doesNotContain("v1-only");
    assertThat(fx(() -> health.summaryProperty().get())).startsWith("Healthy");
  }
}
