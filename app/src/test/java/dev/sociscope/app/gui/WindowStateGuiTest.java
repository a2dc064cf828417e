package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.settings.Settings;
import dev.sociscope.app.settings.SettingsStore;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Window geometry and the theme are written to the settings file and come back on the next start. */
@ExtendWith(ApplicationExtension.class)
class WindowStateGuiTest {
  private Path config;
  private AppContext ctx;

  @Start
  void start(Stage stage) throws Exception {
    config = GuiTestSupport.tempDirectory("sociscope-window");
    ctx = GuiTestSupport.start(stage, config);
  }

  @Test
  void geometryAndThemeAreRemembered() {
    fxRun(() -> {
      ctx.stage().setX(40);
      ctx.stage().setY(30);
      ctx.stage().setWidth(1100);
      ctx.stage().setHeight(700);
      ctx.main().activityToggle().setSelected(true);
      ctx.mainViewModel().themeProperty().set(dev.sociscope.app.common.Theme.DARK);
      ctx.rememberWindow();
    });
    SettingsStore store = new SettingsStore(config);
    waitUntil("settings written", () -> {
      Settings s = store.load();
      return s.window().width() == 1100 && "dark".equals(s.theme());
    });
    Settings s = store.load();
    assertThat(s.window().x()).isEqualTo(40);
    assertThat(s.window().height()).isEqualTo(700);
    assertThat(s.activityVisible()).isTrue();

    // A second window built on the same folder starts where the first one was, in the dark theme.
    fxRun(() -> {
      Stage second = new Stage();
      AppContext again = new AppContext(second, store, SociscopeApp.defaultServices(config));
      assertThat(second.getWidth()).isEqualTo(1100);
      assertThat(again.scene().getRoot().getStyleClass()).contains("dark");
      assertThat(again.main().activityToggle().isSelected()).isTrue();
    });
  }
}
